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
  /** Permission bits of `new mode` / `new file mode`. */
  mode?: number;
  hunks: PatchHunk[];
}

const C_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };

/**
 * A path as git writes it: names with special or non-ASCII characters come C-quoted, with octal
 * escapes for each UTF-8 byte (`"caf\303\251.txt"`).
 */
export function unquoteGitPath(raw: string): string {
  if (!(raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"'))) return raw;
  const bytes: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const c = String.fromCodePoint(body.codePointAt(i) as number);
    if (c !== "\\") {
      bytes.push(...Buffer.from(c, "utf8"));
      i += c.length - 1;
      continue;
    }
    const next = body[i + 1] ?? "";
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 3;
    } else if (next in C_ESCAPES) {
      bytes.push(C_ESCAPES[next] as number);
      i += 1;
    } else {
      bytes.push(92);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function headerPath(raw: string): string | null {
  const trimmed = raw.trim();
  // A quoted name ends at its closing quote; an unquoted one at a tab (before diff -u's timestamp).
  const p = trimmed.startsWith('"') ? unquoteGitPath(trimmed.replace(/^("(?:\\.|[^"\\])*").*$/, "$1")) : raw.replace(/\t.*$/, "").trim();
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
      const quoted = /^diff --git "a\/((?:\\.|[^"\\])*)" "b\/((?:\\.|[^"\\])*)"$/.exec(line);
      if (quoted) {
        entry.gitOld = unquoteGitPath(`"${quoted[1]}"`);
        entry.gitNew = unquoteGitPath(`"${quoted[2]}"`);
      } else if (m) {
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
      const mode = /^new (?:file )?mode (\d+)$/.exec(line);
      if (mode) current.mode = parseInt(mode[1] as string, 8) & 0o777;
      if (line.startsWith("new file mode")) current.isNew = true;
      else if (line.startsWith("deleted file mode")) current.isDeleted = true;
      else if (line.startsWith("rename from ")) current.renameFrom = unquoteGitPath(line.slice(12).trim());
      else if (line.startsWith("rename to ")) current.renameTo = unquoteGitPath(line.slice(10).trim());
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
      const content = added.length === 0 ? "" : added.join("\n") + (noNewline ? "" : "\n");
      operations.push({ type: "add", path: newPath, content, ...(e.mode !== undefined ? { mode: e.mode } : {}) });
    } else if (e.isDeleted || newPath === null) {
      if (!oldPath) throw new PatchParseError("A deleted file has no name");
      operations.push({ type: "delete", path: oldPath, hunks: e.hunks });
    } else if (oldPath && newPath) {
      const renamed = e.renameFrom !== undefined || (e.gitOld !== undefined && e.gitOld !== e.gitNew);
      const from = e.renameFrom ?? oldPath;
      const to = e.renameTo ?? newPath;
      const mode = e.mode !== undefined ? { mode: e.mode } : {};
      if (e.hunks.length === 0 && (from === to || !renamed) && e.mode === undefined) continue; // nothing to do
      if (renamed || from === to) {
        operations.push({ type: "update", path: from, ...(to !== from ? { moveTo: to } : {}), hunks: e.hunks, ...mode });
      } else {
        // `diff -u file.orig file`: two names, one file. Patch the new name, or the old one if only it exists.
        operations.push({ type: "update", path: to, fallbackPath: from, hunks: e.hunks, ...mode });
      }
    }
  }
  if (operations.length === 0) throw new PatchParseError("The patch contains no file changes");
  return { format: "unified", operations };
}
