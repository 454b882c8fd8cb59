import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Bench, BenchRow } from "./harness.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface RunOptions {
  filter?: string[];
  quick?: boolean;
  write?: boolean;
}

export async function discoverBenches(): Promise<Bench[]> {
  const dir = join(root, "tools/bench");
  const files = readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort();
  const benches: Bench[] = [];
  for (const f of files) benches.push((await import(pathToFileURL(join(dir, f)).href)).default as Bench);
  return benches;
}

export function formatTable(rows: BenchRow[]): string {
  const header = ["bench", "case", "baseline", "subject", "ratio", "target"];
  const body = rows.map((r) => [
    r.bench,
    r.case,
    `${r.baseline.label}: ${fmt(r.baseline.value)} ${r.unit}`,
    `${r.subject.label}: ${fmt(r.subject.value)} ${r.unit}`,
    `${r.ratio.toFixed(2)}×`,
    r.target === undefined ? "" : `${r.ratio <= r.target ? "✓" : "✗"} ≤ ${r.target}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(" │ ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("─┼─"), ...body.map(line)].join("\n");
}

function fmt(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

export async function runBenches(options: RunOptions = {}): Promise<{ rows: BenchRow[]; failures: string[]; file?: string }> {
  const benches = (await discoverBenches()).filter((b) => !options.filter?.length || options.filter.includes(b.name));
  const rows: BenchRow[] = [];
  const failures: string[] = [];
  for (const bench of benches) {
    const tmpDir = mkdtempSync(join(tmpdir(), `ct-bench-${bench.name}-`));
    process.stderr.write(`▶ ${bench.name}: ${bench.description}\n`);
    try {
      rows.push(...(await bench.run({ tmpDir, root, quick: options.quick ?? false, log: (m) => process.stderr.write(`  ${m}\n`) })));
    } catch (error) {
      failures.push(`${bench.name}: ${(error as Error).message}`);
    } finally {
      rmSync(tmpDir, { recursive: true, force: true });
    }
  }
  let file: string | undefined;
  if (options.write !== false) {
    const dir = join(root, "bench/results");
    mkdirSync(dir, { recursive: true });
    file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    const payload = { date: new Date().toISOString(), node: process.version, platform: process.platform, rows, failures };
    writeFileSync(file, JSON.stringify(payload, null, 2));
    writeFileSync(join(dir, "latest.json"), JSON.stringify(payload, null, 2));
  }
  return { rows, failures, ...(file ? { file } : {}) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const quick = args.includes("--quick");
  const filter = args.filter((a) => !a.startsWith("--"));
  const { rows, failures, file } = await runBenches({ quick, filter });
  console.log(`\n${formatTable(rows)}`);
  for (const f of failures) console.log(`✗ ${f}`);
  if (file) console.log(`\nResults written to ${file}`);
  process.exit(failures.length > 0 ? 1 : 0);
}
