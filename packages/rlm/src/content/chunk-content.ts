import { ContentIndex } from "./content-index.js";
import {
  type ContentType,
  FILE_MARKER,
  LINE_PREFIX,
  detectContentType,
  isDefinitionStart,
  isHeading,
  isLogEntryStart,
  isTurnStart,
} from "./content-type.js";

export interface Chunk {
  /** 0-based position in the chunk list. */
  index: number;
  /** 1-based first and last line (inclusive). */
  startLine: number;
  endLine: number;
  /** Character offsets into the content (end exclusive). */
  start: number;
  end: number;
  /** The chunk's first non-blank line, shortened: a hint of what it holds. */
  label: string;
  /** The chunk's text (a view into the content, not a copy, in V8). */
  text: string;
}

export interface ChunkOptions {
  /** Largest chunk in characters (default 20,000). A single line longer than that is its own chunk. */
  maxChars?: number;
  /** Skip detection when the type is already known. */
  type?: ContentType;
}

export const DEFAULT_CHUNK_CHARS = 20_000;

/** 0 = not a boundary, 1 = a place to cut, 2 = a place worth closing a half-full chunk for. */
type Strength = 0 | 1 | 2;

// Cheap character tests first: most lines of a large text are not boundaries, and a regex per
// line dominates the cost of chunking 100 MB.
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

const isMarker = (line: string) => line.startsWith("=== FILE: ") && FILE_MARKER.test(line);

/** Definitions start unindented with a letter (`export`, `def`, `class`, …) or are file markers. */
function isDefinition(line: string): boolean {
  const c = line.charCodeAt(0);
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return (letter && isDefinitionStart(line)) || isMarker(line);
}

const afterBlank = (line: string, prev: string): boolean => isBlank(prev) && !isBlank(line);

function boundaryTest(type: ContentType): (line: string, prev: string) => Strength {
  switch (type) {
    case "code":
      return (line, prev) => (isDefinition(line) ? 2 : afterBlank(line, prev) ? 1 : 0);
    case "logs":
      return (line) => (isMarker(line) ? 2 : isLogEntryStart(line) ? 1 : 0);
    case "conversation":
      return (line) => (isMarker(line) || isTurnStart(line) ? 2 : 0);
    case "documents":
      return (line, prev) => (isMarker(line) || isHeading(line) ? 2 : afterBlank(line, prev) ? 1 : 0);
    case "mixed":
      return (line, prev) =>
        isMarker(line) || isHeading(line) || isDefinition(line) || isTurnStart(line)
          ? 2
          : isLogEntryStart(line) || afterBlank(line, prev)
            ? 1
            : 0;
  }
}

// A line of comment punctuation only (`/**`, ` */`, `#`, `"""`) says nothing about a chunk.
const BARE_COMMENT = /^\s*(\/\*+|\*+\/?|\/\/+|#+|"""|'''|-->|<!--)\s*$/;

/** A chunk's first telling line, shortened, and the file it sits in when it starts inside one. */
function chunkLabel(body: string, file: string | undefined): string {
  let first = "";
  for (const m of body.slice(0, 4_000).matchAll(/^[^\S\n]*(\S[^\n]*)/gm)) {
    first ||= m[1] as string;
    if (!BARE_COMMENT.test(m[1] as string)) {
      first = m[1] as string;
      break;
    }
  }
  const short = first.length > 80 ? `${first.slice(0, 77)}…` : first;
  return file === undefined ? short : `${file}: ${short}`;
}

const COMMENT_OR_DECORATOR = /^\s*(\/\/|\/\*|\*|#(?!include)|@\w|"""|''')/;

/**
 * Splits content into chunks of at most `maxChars` that end on natural boundaries: before a
 * definition in code, before a timestamped entry in logs (a stack trace stays with its entry),
 * before a turn in a conversation, before a heading or paragraph in documents. Comments and
 * decorators directly above a definition travel with it.
 */
export function chunkContent(content: string | ContentIndex, options: ChunkOptions = {}): Chunk[] {
  const index = typeof content === "string" ? new ContentIndex(content) : content;
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_CHUNK_CHARS);
  const type = options.type ?? detectContentType(index.text);
  const test = boundaryTest(type);
  const chunks: Chunk[] = [];
  const text = index.text;
  const prefix = (i: number) => text.slice(index.lineStart(i), Math.min(index.lineEnd(i), index.lineStart(i) + LINE_PREFIX));

  // File markers seen so far, so a chunk starting inside a file can say which file it is in.
  const markers: { line: number; file: string }[] = [];
  let markerAt = 0;
  let fileNow: string | undefined;

  let chunkStartLine = 0;
  // Lines the current chunk may be cut before: the latest boundary, and the latest strong one.
  let lastAny = -1;
  let lastStrong = -1;
  const close = (endLineExclusive: number) => {
    if (endLineExclusive <= chunkStartLine) return;
    const start = index.lineStart(chunkStartLine);
    const end = index.lineEnd(endLineExclusive - 1);
    const body = text.slice(start, end);
    while (markerAt < markers.length && (markers[markerAt] as { line: number }).line <= chunkStartLine) fileNow = markers[markerAt++]?.file;
    chunks.push({
      index: chunks.length,
      startLine: chunkStartLine + 1,
      endLine: endLineExclusive,
      start,
      end,
      label: chunkLabel(body, markers[markerAt - 1]?.line === chunkStartLine ? undefined : fileNow),
      text: body,
    });
    chunkStartLine = endLineExclusive;
    lastAny = -1;
    lastStrong = -1;
  };

  const splitLongLine = (line: number) => {
    const end = index.lineEnd(line);
    for (let start = index.lineStart(line); start < end; start += maxChars) {
      const body = text.slice(start, Math.min(end, start + maxChars));
      chunks.push({ index: chunks.length, startLine: line + 1, endLine: line + 1, start, end: start + body.length, label: `line ${line + 1} from char ${start - index.lineStart(line)}`, text: body });
    }
    chunkStartLine = line + 1;
    lastAny = -1;
    lastStrong = -1;
  };

  let prev = "";
  for (let i = 0; i < index.lineCount; i++) {
    const line = prefix(i);
    if (line.startsWith("=== FILE: ")) {
      const file = FILE_MARKER.exec(index.line(i))?.[1];
      if (file !== undefined) markers.push({ line: i, file });
    }
    const strength = i === chunkStartLine ? 0 : test(line, prev);
    // Keep a definition's comment block and decorators with it: cut above them instead.
    let cutAt = i;
    if (strength === 2 && (type === "code" || type === "mixed")) {
      while (cutAt - 1 > chunkStartLine && COMMENT_OR_DECORATOR.test(prefix(cutAt - 1))) cutAt--;
    }
    if (strength > 0 && cutAt > chunkStartLine) {
      lastAny = cutAt;
      if (strength === 2) lastStrong = cutAt;
    }
    // Over budget: cut before the last strong boundary (a definition, a heading, a turn) if it
    // leaves the chunk at least half full, else before the last boundary of any kind, else just
    // before this line. A single line longer than the budget is cut into pieces of its own.
    while (index.lineEnd(i) - index.lineStart(chunkStartLine) > maxChars) {
      if (i === chunkStartLine) {
        splitLongLine(i);
        break;
      }
      const half = index.lineStart(chunkStartLine) + maxChars / 2;
      const cut = lastStrong > chunkStartLine && index.lineStart(lastStrong) >= half ? lastStrong : lastAny > chunkStartLine ? lastAny : i;
      close(cut);
    }
    prev = line;
  }
  close(index.lineCount);
  return chunks;
}
