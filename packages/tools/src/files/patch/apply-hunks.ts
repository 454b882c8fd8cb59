import { PatchApplyError } from "../../errors/patch-apply-error.js";
import type { PatchHunk } from "./patch-operation.js";

export interface ApplyHunksOptions {
  /** Display path for errors. */
  path: string;
  /**
   * Envelope patches locate chunks by content (no line numbers) and tolerate trailing, then
   * surrounding, whitespace differences; unified diffs need exact context near the stated line.
   */
  byContent: boolean;
}

type Compare = (a: string, b: string) => boolean;
const EXACT: Compare = (a, b) => a === b;
const RSTRIP: Compare = (a, b) => a.trimEnd() === b.trimEnd();
const TRIM: Compare = (a, b) => a.trim() === b.trim();

function matchesAt(lines: string[], at: number, wanted: string[], eq: Compare): boolean {
  if (at < 0 || at + wanted.length > lines.length) return false;
  for (let k = 0; k < wanted.length; k++) if (!eq(lines[at + k] as string, wanted[k] as string)) return false;
  return true;
}

function excerpt(lines: string[], at: number, count: number): string {
  const shown = lines.slice(Math.max(0, at), Math.max(0, at) + Math.max(count, 1));
  return shown.length === 0 ? "    (end of file)" : shown.map((l, k) => `    ${Math.max(0, at) + k + 1}: ${l}`).join("\n");
}

/**
 * Applies hunks in order to text with `\n` line ends. Hunks must not overlap and must appear in
 * file order; context and removed lines must match (no fuzz), so a patch made against another
 * version of the file is refused rather than applied in the wrong place.
 */
export function applyHunks(text: string, hunks: readonly PatchHunk[], options: ApplyHunksOptions): string {
  let finalNewline = text === "" || text.endsWith("\n");
  const lines = text === "" ? [] : (text.endsWith("\n") ? text.slice(0, -1) : text).split("\n");
  let cursor = 0;
  let delta = 0;

  hunks.forEach((hunk, index) => {
    const label = hunk.oldStart !== undefined ? `hunk ${index + 1} (@@ -${hunk.oldStart})` : `chunk ${index + 1}${hunk.anchor ? ` (@@ ${hunk.anchor})` : ""}`;
    const oldLines = hunk.lines.filter((l) => l.op !== "+").map((l) => l.text);
    const newLines = hunk.lines.filter((l) => l.op !== "-").map((l) => l.text);
    let from = cursor;
    if (hunk.anchor !== undefined) {
      let found = -1;
      for (const eq of [EXACT, TRIM]) {
        found = lines.findIndex((l, k) => k >= cursor && eq(l, hunk.anchor as string));
        if (found !== -1) break;
      }
      if (found === -1) throw new PatchApplyError(options.path, `${label}: the line "${hunk.anchor}" was not found`);
      from = found + 1;
    }

    let at = -1;
    if (oldLines.length === 0) {
      at = hunk.oldStart !== undefined ? Math.max(cursor, hunk.oldStart + delta) : hunk.anchor !== undefined ? from : lines.length;
      at = Math.min(at, lines.length);
    } else if (!options.byContent && hunk.oldStart !== undefined) {
      // Exact context, at the stated line or the nearest place after the previous hunk.
      const expected = Math.max(cursor, hunk.oldStart - 1 + delta);
      for (let d = 0; at === -1 && (expected - d >= cursor || expected + d < lines.length); d++) {
        if (matchesAt(lines, expected + d, oldLines, EXACT)) at = expected + d;
        else if (d > 0 && expected - d >= cursor && matchesAt(lines, expected - d, oldLines, EXACT)) at = expected - d;
      }
      if (at === -1) {
        throw new PatchApplyError(
          options.path,
          `${label} does not match the file. Expected at line ${expected + 1}:\n${oldLines.map((l) => `    ${l}`).join("\n")}\n  but the file has:\n${excerpt(lines, expected, oldLines.length)}`,
        );
      }
    } else {
      for (const eq of [EXACT, RSTRIP, TRIM]) {
        if (hunk.atEnd && matchesAt(lines, lines.length - oldLines.length, oldLines, eq) && lines.length - oldLines.length >= from) {
          at = lines.length - oldLines.length;
          break;
        }
        for (let k = from; k + oldLines.length <= lines.length; k++) {
          if (matchesAt(lines, k, oldLines, eq)) {
            at = k;
            break;
          }
        }
        if (at !== -1) break;
      }
      if (at === -1) {
        throw new PatchApplyError(
          options.path,
          `${label}: these lines were not found${from > 0 ? ` after line ${from}` : ""}:\n${oldLines.map((l) => `    ${l}`).join("\n")}`,
        );
      }
    }

    const touchesEnd = at + oldLines.length === lines.length;
    // Context lines keep the file's own text: a whitespace-tolerant match must not rewrite them.
    const replacement: string[] = [];
    let k = at;
    for (const l of hunk.lines) {
      if (l.op === " ") replacement.push(lines[k++] as string);
      else if (l.op === "-") k++;
      else replacement.push(l.text);
    }
    lines.splice(at, oldLines.length, ...replacement);
    cursor = at + newLines.length;
    delta += newLines.length - oldLines.length;
    if (touchesEnd) {
      if (hunk.newNoNewline) finalNewline = false;
      else if (hunk.oldNoNewline) finalNewline = true;
    }
  });

  return lines.length === 0 ? "" : lines.join("\n") + (finalNewline ? "\n" : "");
}
