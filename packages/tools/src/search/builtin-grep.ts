import { readFileSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename, relative, sep } from "node:path";
import picomatch from "picomatch";
import { GrepPatternError } from "./grep-pattern-error.js";
import { GrepCollector, type GrepEngineResult, type GrepLine, type GrepQuery } from "./grep-types.js";
import { walkFiles } from "./walk-files.js";

const BINARY_SNIFF_BYTES = 8192;
/** Files read synchronously between yields to the event loop: small sync reads beat the promise API several times over. */
const SYNC_BATCH = 128;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(query: GrepQuery): { line: RegExp; whole: RegExp } {
  const source = query.literal ? escapeRegExp(query.pattern) : query.pattern;
  const flags = query.caseSensitive ? "" : "i";
  try {
    return { line: new RegExp(source, flags), whole: new RegExp(source, `${flags}m`) };
  } catch (error) {
    throw new GrepPatternError(query.pattern, (error as Error).message);
  }
}

function toDisplay(root: string, path: string): string {
  const rel = relative(root, path);
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/** An include glob without a slash matches file names anywhere; with one, paths under the searched directory. */
export function includeMatcher(include: string, target: string): (path: string) => boolean {
  const hasSlash = include.includes("/");
  const match = picomatch(include, { dot: true });
  return (path) => (hasSlash ? match(toDisplay(target, path)) : match(basename(path)));
}

function searchText(text: string, regex: RegExp, contextLines: number): GrepLine[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const out: GrepLine[] = [];
  let lastEmitted = -1;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!regex.test(line)) continue;
    const from = Math.max(lastEmitted + 1, i - contextLines);
    for (let c = from; c < i; c++) out.push({ line: c + 1, text: (lines[c] as string).replace(/\r$/, ""), isMatch: false });
    out.push({ line: i + 1, text: line, isMatch: true });
    lastEmitted = i;
    // Trailing context is emitted lazily: as leading context of the next match, or below.
    let j = i + 1;
    const end = Math.min(lines.length - 1, i + contextLines);
    while (j <= end) {
      const next = (lines[j] as string).replace(/\r$/, "");
      if (regex.test(next)) break;
      out.push({ line: j + 1, text: next, isMatch: false });
      lastEmitted = j;
      j++;
    }
    i = j - 1;
  }
  return out;
}

async function isBinaryFile(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, BINARY_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

function searchFile(path: string, regexes: { line: RegExp; whole: RegExp }, contextLines: number): GrepLine[] | undefined {
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch {
    return undefined;
  }
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return undefined;
  const text = buffer.toString("utf8");
  // Most files do not match at all: one pass over the whole text rules them out cheaply.
  if (!regexes.whole.test(text)) return undefined;
  const lines = searchText(text, regexes.line, contextLines);
  return lines.length ? lines : undefined;
}

/** The search `grep` falls back to without ripgrep: same ignore rules, same binary skipping, JS regexes. */
export async function builtinGrep(query: GrepQuery): Promise<GrepEngineResult> {
  const regexes = compile(query);
  const info = await stat(query.target);
  const collector = new GrepCollector(query.collectLimit, query.withhold);
  const add = (path: string, lines: GrepLine[] | undefined) => {
    if (lines) collector.add(toDisplay(query.displayRoot, path), lines);
  };
  if (info.isFile()) {
    // An explicitly named file is searched even if ignored, as ripgrep does; binary ones are still skipped.
    if (!(await isBinaryFile(query.target))) add(query.target, searchFile(query.target, regexes, query.contextLines));
    return collector.result("builtin");
  }
  const filter = query.include ? includeMatcher(query.include, query.target) : undefined;
  let batch = 0;
  for await (const path of walkFiles(query.target, { signal: query.signal, filter })) {
    add(path, searchFile(path, regexes, query.contextLines));
    if (++batch >= SYNC_BATCH) {
      batch = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return collector.result("builtin");
}
