import { randomBytes } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { dataDir, truncateText, utf8Length, writeFileAtomic } from "@codetether/core";

export const DEFAULT_OUTPUT_MAX_BYTES = 64 * 1024;
export const DEFAULT_OUTPUT_MAX_LINES = 2000;

/** Spill files older than this are removed the first time a process spills into their directory. */
export const SPILL_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const pruned = new Set<string>();

/** Deletes old spill files so the directory does not grow without bound; best effort. */
async function pruneOnce(dir: string): Promise<void> {
  if (pruned.has(dir)) return;
  pruned.add(dir);
  const cutoff = Date.now() - SPILL_MAX_AGE_MS;
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n.endsWith(".txt"))
      .map(async (n) => {
        const path = join(dir, n);
        const s = await stat(path).catch(() => undefined);
        if (s?.isFile() && s.mtimeMs < cutoff) await rm(path, { force: true }).catch(() => undefined);
      }),
  );
}

export interface OutputBudgetOptions {
  /** Used in the spill file's name. */
  toolName: string;
  /** Where full outputs are saved; defaults to `defaultSpillDir()`. */
  spillDir?: string;
  maxBytes?: number;
  maxLines?: number;
}

export interface BudgetedOutput {
  output: string;
  truncated: boolean;
  /** The file holding the full output, when it was cut. */
  fullOutputPath?: string;
  omittedBytes: number;
  omittedLines: number;
}

/** Where cut tool outputs are saved unless a spill dir is given: `<dataDir>/tool-output`. */
export function defaultSpillDir(): string {
  return join(dataDir(), "tool-output");
}

/**
 * Keeps a tool's output within budget for the model's context. Over the limit, the head and tail
 * survive (errors tend to be at the end, the command's echo at the start), the middle is replaced
 * by a marker, and the whole output is saved to a file the model is told about so nothing is lost.
 */
export async function applyOutputBudget(output: string, options: OutputBudgetOptions): Promise<BudgetedOutput> {
  const maxBytes = options.maxBytes ?? DEFAULT_OUTPUT_MAX_BYTES;
  const maxLines = options.maxLines ?? DEFAULT_OUTPUT_MAX_LINES;
  const cut = truncateText(output, { maxBytes, maxLines, keep: "both" });
  if (!cut.truncated) return { output, truncated: false, omittedBytes: 0, omittedLines: 0 };

  const dir = options.spillDir ?? defaultSpillDir();
  const safeName = options.toolName.replace(/[^a-zA-Z0-9_-]/g, "_");
  const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeName}-${randomBytes(3).toString("hex")}.txt`);
  let note: string;
  let fullOutputPath: string | undefined;
  try {
    await writeFileAtomic(file, output, { fsync: false });
    fullOutputPath = file;
    await pruneOnce(dir);
    note =
      `[Output truncated: ${cut.omittedLines} lines (${cut.omittedBytes} bytes) omitted from the middle of ` +
      `${utf8Length(output)} bytes. The full output is saved at ${file} — read it with read_file (offset/limit) ` +
      `or search it with grep instead of re-running the command.]`;
  } catch (error) {
    // Saving is best effort: the model still gets head and tail, and is told the rest is gone.
    note = `[Output truncated: ${cut.omittedLines} lines (${cut.omittedBytes} bytes) omitted; saving the full output failed: ${(error as Error).message}]`;
  }
  return {
    output: `${cut.text}${cut.text.endsWith("\n") ? "" : "\n"}${note}`,
    truncated: true,
    ...(fullOutputPath ? { fullOutputPath } : {}),
    omittedBytes: cut.omittedBytes,
    omittedLines: cut.omittedLines,
  };
}
