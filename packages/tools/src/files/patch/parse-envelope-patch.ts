import { PatchParseError } from "../../errors/patch-parse-error.js";
import type { ParsedPatch, PatchHunk, PatchOperation } from "./patch-operation.js";

const ADD = "*** Add File: ";
const DELETE = "*** Delete File: ";
const UPDATE = "*** Update File: ";
const MOVE = "*** Move to: ";
const END_OF_FILE = "*** End of File";

/**
 * Parses the `*** Begin Patch` … `*** End Patch` envelope OpenAI models emit: `*** Add File:` with
 * `+` lines, `*** Delete File:`, and `*** Update File:` (optionally `*** Move to:`) with `@@`-separated
 * chunks of ` `/`-`/`+` lines, where `@@ text` names a line to find before the chunk.
 */
export function parseEnvelopePatch(patch: string): ParsedPatch {
  const lines = patch.replace(/\r\n/g, "\n").split("\n");
  const begin = lines.findIndex((l) => l.trim() === "*** Begin Patch");
  if (begin === -1) throw new PatchParseError('The patch has no "*** Begin Patch" line');
  const operations: PatchOperation[] = [];
  let i = begin + 1;
  const isHeader = (l: string) => l.startsWith("*** ") && l !== END_OF_FILE;

  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === "*** End Patch") break;
    if (line.trim() === "") {
      i++;
      continue;
    }
    if (line.startsWith(ADD)) {
      const path = line.slice(ADD.length).trim();
      const content: string[] = [];
      for (i++; i < lines.length && !isHeader(lines[i] as string); i++) {
        const l = lines[i] as string;
        if (l.startsWith("+")) content.push(l.slice(1));
        else if (l.trim() !== "") throw new PatchParseError(`Every line of an added file must start with "+"; got "${l}"`, i + 1);
      }
      operations.push({ type: "add", path, content: content.length === 0 ? "" : `${content.join("\n")}\n` });
      continue;
    }
    if (line.startsWith(DELETE)) {
      operations.push({ type: "delete", path: line.slice(DELETE.length).trim() });
      i++;
      continue;
    }
    if (line.startsWith(UPDATE)) {
      const path = line.slice(UPDATE.length).trim();
      i++;
      let moveTo: string | undefined;
      if (lines[i]?.startsWith(MOVE)) {
        moveTo = (lines[i] as string).slice(MOVE.length).trim();
        i++;
      }
      const hunks: PatchHunk[] = [];
      let hunk: PatchHunk | undefined;
      for (; i < lines.length && !isHeader(lines[i] as string); i++) {
        const l = lines[i] as string;
        if (l.startsWith("@@")) {
          const anchor = l.slice(2).replace(/@@\s*$/, "").trim();
          hunk = { lines: [], ...(anchor ? { anchor } : {}) };
          hunks.push(hunk);
          continue;
        }
        if (l === END_OF_FILE) {
          if (hunk) hunk.atEnd = true;
          continue;
        }
        if (!hunk) {
          hunk = { lines: [] };
          hunks.push(hunk);
        }
        const op = l === "" ? " " : l[0];
        if (op !== " " && op !== "-" && op !== "+") {
          throw new PatchParseError(`Lines in an update must start with " ", "-" or "+"; got "${l}"`, i + 1);
        }
        hunk.lines.push({ op, text: l.slice(1) });
      }
      // A trailing empty line before the next header is layout, not content.
      for (const h of hunks) {
        while (h.lines.length > 0 && h.lines[h.lines.length - 1]?.op === " " && h.lines[h.lines.length - 1]?.text === "") {
          h.lines.pop();
        }
      }
      const real = hunks.filter((h) => h.lines.length > 0);
      if (real.length === 0 && !moveTo) throw new PatchParseError(`The update of ${path} has no changes`);
      operations.push({ type: "update", path, ...(moveTo ? { moveTo } : {}), hunks: real });
      continue;
    }
    throw new PatchParseError(`Unexpected line "${line}"; expected a *** Add/Delete/Update File header`, i + 1);
  }
  if (operations.length === 0) throw new PatchParseError("The patch contains no file operations");
  return { format: "envelope", operations };
}
