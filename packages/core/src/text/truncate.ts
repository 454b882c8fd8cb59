export interface TruncateOptions {
  maxBytes?: number;
  maxLines?: number;
  /** Which end survives: the start, the end, or both ends with the middle cut. */
  keep?: "head" | "tail" | "both";
}

export interface Truncated {
  text: string;
  truncated: boolean;
  omittedBytes: number;
  omittedLines: number;
}

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function utf8Head(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  const { read } = encoder.encodeInto(text, new Uint8Array(maxBytes));
  return text.slice(0, read);
}

/** The longest suffix of `text` that fits in `maxBytes` of UTF-8 without splitting a character. */
export function utf8Tail(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return "";
  if (text.length * 3 <= maxBytes || utf8Length(text) <= maxBytes) return text;
  let start = Math.max(0, text.length - maxBytes);
  let bytes = utf8Length(text.slice(start));
  while (bytes > maxBytes) {
    const c = text.charCodeAt(start);
    start += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    bytes = utf8Length(text.slice(start));
  }
  // Never start on the low half of a surrogate pair.
  const first = text.charCodeAt(start);
  if (first >= 0xdc00 && first <= 0xdfff) start++;
  return text.slice(start);
}

function countLines(text: string): number {
  if (text === "") return 0;
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < text.length - 1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function headLines(text: string, n: number): string {
  let idx = -1;
  for (let i = 0; i < n; i++) {
    idx = text.indexOf("\n", idx + 1);
    if (idx === -1) return text;
  }
  return text.slice(0, idx + 1);
}

function tailLines(text: string, n: number): string {
  let idx = text.endsWith("\n") ? text.length - 1 : text.length;
  for (let i = 0; i < n; i++) {
    idx = text.lastIndexOf("\n", idx - 1);
    if (idx === -1) return text;
  }
  return text.slice(idx + 1);
}

/**
 * Cuts text to a byte and/or line budget, UTF-8 safe, and says how much was cut. With
 * `keep: "both"` the head and tail each get half the budget and a marker line stands between them.
 */
export function truncateText(text: string, options: TruncateOptions): Truncated {
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
  const keep = options.keep ?? "head";
  const totalBytes = utf8Length(text);
  const totalLines = countLines(text);
  if (totalBytes <= maxBytes && totalLines <= maxLines) {
    return { text, truncated: false, omittedBytes: 0, omittedLines: 0 };
  }
  const cut = (part: string, bytes: number, lines: number, fromEnd: boolean) => {
    let out = Number.isFinite(lines) ? (fromEnd ? tailLines(part, lines) : headLines(part, lines)) : part;
    if (Number.isFinite(bytes)) out = fromEnd ? utf8Tail(out, bytes) : utf8Head(out, bytes);
    return out;
  };
  let kept: string;
  let keptBytes: number;
  let keptLines: number;
  if (keep === "both") {
    const head = cut(text, maxBytes / 2, Math.ceil(maxLines / 2), false);
    const tail = cut(text.slice(head.length), maxBytes / 2, Math.floor(maxLines / 2), true);
    keptBytes = utf8Length(head) + utf8Length(tail);
    keptLines = countLines(head) + countLines(tail);
    const omittedBytes = totalBytes - keptBytes;
    const omittedLines = Math.max(0, totalLines - keptLines);
    const marker = `${head.endsWith("\n") || head === "" ? "" : "\n"}… [${omittedBytes} bytes, ${omittedLines} lines omitted] …\n`;
    kept = head + marker + tail;
    return { text: kept, truncated: true, omittedBytes, omittedLines };
  }
  kept = cut(text, maxBytes, maxLines, keep === "tail");
  keptBytes = utf8Length(kept);
  keptLines = countLines(kept);
  return {
    text: kept,
    truncated: true,
    omittedBytes: totalBytes - keptBytes,
    omittedLines: Math.max(0, totalLines - keptLines),
  };
}
