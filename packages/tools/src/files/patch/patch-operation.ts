/** One line of a hunk: kept (` `), removed (`-`) or added (`+`). */
export interface HunkLine {
  op: " " | "-" | "+";
  text: string;
}

export interface PatchHunk {
  /** 1-based first line in the old file, from a unified diff's `@@ -l,n` header. */
  oldStart?: number;
  /** Envelope `@@ some line`: a line to find before the hunk's context. */
  anchor?: string;
  lines: HunkLine[];
  /** The hunk belongs at the end of the file (envelope `*** End of File`). */
  atEnd?: boolean;
  /** `\ No newline at end of file` after the old / new side's last line. */
  oldNoNewline?: boolean;
  newNoNewline?: boolean;
}

export type PatchOperation =
  | { type: "add"; path: string; content: string; /** Permission bits from git's `new file mode`. */ mode?: number }
  | { type: "delete"; path: string; hunks?: PatchHunk[] }
  | {
      type: "update";
      path: string;
      moveTo?: string;
      /** A plain diff's other name (`--- a.orig` / `+++ a`): used when `path` does not exist. */
      fallbackPath?: string;
      hunks: PatchHunk[];
      /** Permission bits from git's `new mode` (e.g. a script made executable). */
      mode?: number;
    };

export interface ParsedPatch {
  format: "unified" | "envelope";
  operations: PatchOperation[];
}
