import { FileReadTracker } from "./file-read-tracker.js";
import type { WriteFileFn } from "./commit-file-changes.js";

/** What the file tools of one tool set share. */
export interface FileToolOptions {
  /** What the agent last read of each file; share one between read_file and the editing tools. */
  tracker?: FileReadTracker;
  /** Where cut outputs are saved; read_file may read there without the external_directory permission. */
  spillDir?: string;
  /** How files are written (atomic temp + rename by default); a seam for storage layers and fault tests. */
  writeFile?: WriteFileFn;
}

export function trackerOf(options: FileToolOptions): FileReadTracker {
  return options.tracker ?? (options.tracker = new FileReadTracker());
}
