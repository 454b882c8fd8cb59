import { PatchParseError } from "../../errors/patch-parse-error.js";
import type { ParsedPatch, PatchHunk, PatchOperation } from "./patch-operation.js";

interface FileEntry {
  oldPath?: string | null;
  newPath?: string | null;
  gitOld?: string;
  gitNew?: string;
  isNew?: boolean;
  isDeleted?: boolean;
  renameFrom?: string;
  renameTo?: string;
  hunks: PatchHunk[];
}

function headerPath(raw: string): string | null {
  let p = raw.replace(/\t.*$/, "").trim();
  if (p.startsWith('"') && p.endsWith('"')) p = JSON.parse(p) as string;
  return p === "/dev/null" ? null : p;
}

/** Drops git's `a/` and `b/` prefixes, but only when the diff uses them on both sides. */
function stripPrefixes(entry: FileEntry): void {
  const o = entry.oldPath;
  const n = entry.newPath;
  const oldOk = o === null || o === undefined || o.startsWith("a/");
  const newOk = n === null || n === undefined || n.startsWith("b/");
  if (oldOk && newOk && (o || n)) {
    if (o) entry.oldPath = o.slice(2);
    if (n) entry.newPath = n.slice(2);
  }
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Parses a unified diff (`git diff` or `diff -u` output, several files, renames, new and deleted files). */
export function parseUnifiedDiff(patch: string): ParsedPatch {
  const lines = patch.replace(/\r\n/g, "\n").split("\n");
  const entries: FileEntry[] = [];
  let current: FileEntry | undefined;
  const start = () => {
    current = { hunks: [] };
    entries.push(current);
    return current;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("diff --git ")) {
      const entry = start();
      const m = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      if (m) {
        entry.gitOld = m[1];
        entry.gitNew = m[2];
      }
      continue;
    }
    if (line.startsWith("--- ") && lines[i + 1]?.startsWith("+++ ")) {
      const entry = current && current.oldPath === undefined && current.hunks.length === 0 ? current : start();
      entry.oldPath = headerPath(line.slice(4));
      entry.newPath = headerPath((lines[i + 1] as string).slice(4));
      stripPrefixes(entry);
      i++;
      continue;
    }
    if (line.startsWith("GIT binary patch") || /^Binary files .* differ$/.test(line)) {
      throw new PatchParseError("Binary patches are not supported", i + 1);
    }
    if (current) {
      if (line.startsWith("new file mode")) current.isNew = true;
      else if (line.startsWith("deleted file mode")) current.isDeleted = true;
      else if (line.startsWith("rename from ")) current.renameFrom = line.slice(12).trim();
      else if (line.startsWith("rename to ")) current.renameTo = line.slice(10).trim();
    }
    const header = HUNK_HEADER.exec(line);
    const bare = !header && /^@@(\s.*)?$/.test(line);
    if (!header && !bare) continue;
    if (!current) throw new PatchParseError("A hunk (@@) comes before any file header (--- / +++)", i + 1);
    // Models often miscount the lines in a hunk header, or leave the numbers out: the body is read
    // by its line prefixes, and the counts only decide whether trailing blank lines belong to it.
    const oldCount = header ? (header[2] === undefined ? 1 : Number(header[2])) : undefined;
    const newCount = header ? (header[4] === undefined ? 1 : Number(header[4])) : undefined;
    const hunk: PatchHunk = { ...(header ? { oldStart: Number(header[1]) } : {}), lines: [] };
    let j = i + 1;
    for (; j < lines.length; j++) {
      const body = lines[j] as string;
      if (body.startsWith("@@") || body.startsWith("diff --git ")) break;
      if (body.startsWith("--- ") && lines[j + 1]?.startsWith("+++ ")) break;
      if (body.startsWith("\\")) {
        const last = hunk.lines[hunk.lines.length - 1];
        if (last?.op === "-") hunk.oldNoNewline = true;
        else if (last?.op === "+") hunk.newNoNewline = true;
        else if (last) hunk.oldNoNewline = hunk.newNoNewline = true;
        continue;
      }
      // Editors and chat UIs strip the single space of an empty context line.
      const op = body === "" ? " " : body[0];
      if (op !== " " && op !== "-" && op !== "+") break;
      hunk.lines.push({ op, text: body.slice(1) });
    }
    const count = (side: "old" | "new") => hunk.lines.filter((l) => l.op === " " || l.op === (side === "old" ? "-" : "+")).length;
    while (
      hunk.lines.length > 0 &&
      hunk.lines[hunk.lines.length - 1]?.op === " " &&
      hunk.lines[hunk.lines.length - 1]?.text === "" &&
      (oldCount === undefined || count("old") > oldCount || count("new") > (newCount as number))
    ) {
      hunk.lines.pop();
    }
    if (!hunk.lines.some((l) => l.op !== " ")) throw new PatchParseError(`Hunk "${line}" changes nothing (no - or + lines)`, i + 1);
    current.hunks.push(hunk);
    i = j - 1;
  }

  const operations: PatchOperation[] = [];
  for (const e of entries) {
    const oldPath = e.oldPath === undefined ? (e.renameFrom ?? e.gitOld) : e.oldPath;
    const newPath = e.newPath === undefined ? (e.renameTo ?? e.gitNew) : e.newPath;
    if (e.isNew || oldPath === null) {
      if (!newPath) throw new PatchParseError("A new file has no name");
      const added = e.hunks.flatMap((h) => h.lines.filter((l) => l.op !== "-").map((l) => l.text));
      const noNewline = e.hunks.some((h) => h.newNoNewline);
      operations.push({ type: "add", path: newPath, content: added.length === 0 ? "" : added.join("\n") + (noNewline ? "" : "\n") });
    } else if (e.isDeleted || newPath === null) {
      if (!oldPath) throw new PatchParseError("A deleted file has no name");
      operations.push({ type: "delete", path: oldPath, hunks: e.hunks });
    } else if (oldPath && newPath) {
      const renamed = e.renameFrom !== undefined || (e.gitOld !== undefined && e.gitOld !== e.gitNew);
      const from = e.renameFrom ?? oldPath;
      const to = e.renameTo ?? newPath;
      if (e.hunks.length === 0 && (from === to || !renamed)) continue; // mode-only change
      if (renamed || from === to) {
        operations.push({ type: "update", path: from, ...(to !== from ? { moveTo: to } : {}), hunks: e.hunks });
      } else {
        // `diff -u file.orig file`: two names, one file. Patch the new name, or the old one if only it exists.
        operations.push({ type: "update", path: to, fallbackPath: from, hunks: e.hunks });
      }
    }
  }
  if (operations.length === 0) throw new PatchParseError("The patch contains no file changes");
  return { format: "unified", operations };
}
