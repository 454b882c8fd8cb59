import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import type { ToolContext } from "@codetether/core";
import { BinaryFileError } from "../errors/binary-file-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { realPathOfNearest, resolveWorkspacePath } from "../guard/workspace-guard.js";
import { displayPath } from "./display-path.js";
import { decodeText, isBinaryContent, type TextFormat } from "./text-format.js";

/** A file about to be edited: where it is, what it holds now, and how it is laid out. */
export interface EditTarget {
  absolute: string;
  /** The path writes go to: symlinks resolved, so a link inside the workspace is not replaced by a file. */
  real: string;
  display: string;
  exists: boolean;
  raw: Uint8Array | null;
  /** Content with `\n` line ends ("" for a new file). */
  text: string;
  format: TextFormat;
  mode?: number;
}

/** Resolves (through the workspace guard) and reads a file for editing. */
export async function loadEditTarget(ctx: ToolContext, inputPath: string, toolName: string): Promise<EditTarget> {
  const absolute = await resolveWorkspacePath(ctx, inputPath, { toolName });
  const real = await realPathOfNearest(absolute);
  const display = displayPath(ctx, absolute);
  let info;
  try {
    info = await stat(real);
  } catch {
    return { absolute, real, display, exists: false, raw: null, text: "", format: { eol: "\n", bom: false } };
  }
  if (info.isDirectory()) throw new ToolInputError(`${display} is a directory, not a file.`, { field: "path" });
  const raw = await readFile(real);
  if (isBinaryContent(raw)) throw new BinaryFileError(display, raw.length);
  const { text, format } = decodeText(raw);
  return { absolute, real, display, exists: true, raw, text, format, mode: info.mode & 0o7777 };
}

/** Names in the same directory that look like `path`, for "did you mean" hints. */
export async function similarNames(path: string): Promise<string[]> {
  try {
    const wanted = basename(path).toLowerCase();
    const stem = wanted.replace(/\.[^.]*$/, "");
    const names = await readdir(dirname(path));
    return names
      .filter((n) => {
        const lower = n.toLowerCase();
        const other = lower.replace(/\.[^.]*$/, "");
        return lower !== wanted && ((stem !== "" && lower.includes(stem)) || (other.length > 2 && stem.includes(other)));
      })
      .slice(0, 5);
  } catch {
    return [];
  }
}
