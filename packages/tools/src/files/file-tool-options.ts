import type { ToolContext } from "@codetether/core";
import { realPathOfNearest, resolveAgainstContext } from "../guard/workspace-guard.js";
import { FileReadTracker } from "./file-read-tracker.js";
import { PathLock } from "./path-lock.js";
import type { WriteFileFn } from "./commit-file-changes.js";

/** What the file tools of one tool set share. */
export interface FileToolOptions {
  /** What the agent last read of each file; share one between read_file and the editing tools. */
  tracker?: FileReadTracker;
  /** Where cut outputs are saved; read_file may read there without the external_directory permission. */
  spillDir?: string;
  /** Serialises edits of the same file; share one between the editing tools. */
  locks?: PathLock;
  /** How files are written (atomic temp + rename by default); a seam for storage layers and fault tests. */
  writeFile?: WriteFileFn;
}

export function trackerOf(options: FileToolOptions): FileReadTracker {
  return options.tracker ?? (options.tracker = new FileReadTracker());
}

export function locksOf(options: FileToolOptions): PathLock {
  return options.locks ?? (options.locks = new PathLock());
}

/**
 * Runs an edit holding the locks of the files it touches (keyed by real path, so a symlink alias
 * and its target share one lock). The guard still runs inside `work`; this only resolves names.
 */
export async function withFileLocks<T>(options: FileToolOptions, ctx: ToolContext, paths: string[], work: () => Promise<T>): Promise<T> {
  const keys = await Promise.all(paths.map((p) => realPathOfNearest(resolveAgainstContext(ctx, p))));
  return locksOf(options).run(keys, work);
}
