/** How a text file is laid out on disk, so an edit can write it back the same way. */
export interface TextFormat {
  eol: "\n" | "\r\n";
  bom: boolean;
}

const SAMPLE = 8000;

/** NUL bytes, or many control characters, in the first 8 KB mean binary (the heuristic git and grep use). */
export function isBinaryContent(data: Uint8Array): boolean {
  const n = Math.min(data.length, SAMPLE);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = data[i] as number;
    if (b === 0) return true;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 8 && b !== 27) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** Decodes file bytes to text with `\n` line ends, remembering the BOM and the dominant line ending. */
export function decodeText(data: Uint8Array): { text: string; format: TextFormat } {
  let text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > 0 && crlf >= lf ? "\r\n" : "\n";
  if (eol === "\r\n") text = text.replace(/\r\n/g, "\n");
  return { text, format: { eol, bom } };
}

/** The inverse of `decodeText`: restores the line ending and BOM of the original file. */
export function encodeText(text: string, format: TextFormat): string {
  const body = format.eol === "\r\n" ? text.replace(/\r?\n/g, "\r\n") : text;
  return format.bom ? `\ufeff${body}` : body;
}

/** Text as a model writes it (`\n` line ends), whatever it sent. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n/g, "\n");
}
