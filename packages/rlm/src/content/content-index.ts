/**
 * A read-only view of a large text, indexed once by line start offsets. Every REPL command reads
 * through it, so a 100 MB context is never split into an array of lines or copied per command:
 * line `i` is the substring between two stored offsets.
 */
export class ContentIndex {
  readonly text: string;
  /**
   * Start offset of each line, plus one entry where a line after the last would start. 32 bits
   * suffice: V8 strings are shorter than 2^30 characters.
   */
  private readonly starts: Uint32Array;
  readonly lineCount: number;

  constructor(text: string) {
    this.text = text;
    // One pass over the newlines into a typed array that doubles when full.
    let starts = new Uint32Array(Math.max(16, Math.ceil(text.length / 32)));
    let count = 0;
    if (text.length > 0) starts[count++] = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = nl + 1;
    }
    // A trailing newline ends the last line rather than starting an empty one; the entry after the
    // last line says where a next line would start (its end + 1).
    const lineCount = text.length === 0 ? 0 : text.endsWith("\n") ? count - 1 : count;
    if (count === starts.length) {
      const grown = new Uint32Array(starts.length + 1);
      grown.set(starts);
      starts = grown;
    }
    starts[lineCount] = text.endsWith("\n") ? text.length : text.length + 1;
    this.starts = starts.subarray(0, lineCount + 1);
    this.lineCount = lineCount;
  }

  get size(): number {
    return this.text.length;
  }

  /** Offset where the 0-based line begins. */
  lineStart(line: number): number {
    return this.starts[line] as number;
  }

  /** Offset just past the 0-based line's last character (its newline excluded). */
  lineEnd(line: number): number {
    return Math.min(this.text.length, (this.starts[line + 1] as number) - 1);
  }

  /** The 0-based line's text without its newline (and without a trailing `\r`). */
  line(line: number): string {
    const s = this.text.slice(this.lineStart(line), this.lineEnd(line));
    return s.endsWith("\r") ? s.slice(0, -1) : s;
  }

  /** The 0-based line containing `offset` (binary search over the line starts). */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Text of 0-based lines `from` to `to` inclusive, clamped to the content. */
  range(from: number, to: number): string {
    const a = Math.max(0, from);
    const b = Math.min(this.lineCount - 1, to);
    if (this.lineCount === 0 || a > b) return "";
    return this.text.slice(this.lineStart(a), this.lineEnd(b));
  }
}
