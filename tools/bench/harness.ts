import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";

/** One row of the bench table: a subject measured against a baseline in the same run. */
export interface BenchRow {
  bench: string;
  case: string;
  baseline: { label: string; value: number };
  subject: { label: string; value: number };
  unit: string;
  /** subject ÷ baseline (for "lower is better" units); see `higherIsBetter`. */
  ratio: number;
  /** The ratio the issue asks for; a row over it is flagged in the table (not a failure). */
  target?: number;
  higherIsBetter?: boolean;
  notes?: string;
}

export interface Bench {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** Scratch directory for this bench, removed afterwards. */
  tmpDir: string;
  /** Repository root. */
  root: string;
  /** `--quick`: smaller inputs and fewer runs (used by the harness's own test). */
  quick: boolean;
  log(message: string): void;
}

export function defineBench(bench: Bench): Bench {
  return bench;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Times `a` and `b` alternately (a, b, a, b, …) so drift on a noisy machine hits both alike;
 * returns the median milliseconds of each after `warmup` untimed rounds.
 */
export async function compareTimes(
  a: () => unknown | Promise<unknown>,
  b: () => unknown | Promise<unknown>,
  { runs = 10, warmup = 1 } = {},
): Promise<{ a: number; b: number }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return { a: median(ta), b: median(tb) };
}

/** Runs a command to completion and throws if it fails; for timing whole processes. */
export function runCommand(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

export function row(fields: Omit<BenchRow, "ratio">): BenchRow {
  const ratio = fields.higherIsBetter
    ? fields.baseline.value / fields.subject.value
    : fields.subject.value / fields.baseline.value;
  return { ...fields, ratio };
}
