/**
 * Keeps a command's combined output within a memory cap: when the output outgrows it, the head is
 * kept and a rolling tail, and the bytes between are counted, so a command printing gigabytes
 * cannot exhaust the agent's memory.
 */
export class OutputCollector {
  private head = "";
  private tail: string[] = [];
  private tailLength = 0;
  private omitted = 0;
  private readonly half: number;

  constructor(maxChars = 16 * 1024 * 1024) {
    this.half = Math.floor(maxChars / 2);
  }

  push(chunk: string): void {
    if (this.head.length < this.half) {
      const room = this.half - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
      if (chunk === "") return;
    }
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailLength > this.half && this.tail.length > 0) {
      const first = this.tail[0] as string;
      const excess = this.tailLength - this.half;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.omitted += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailLength -= excess;
        this.omitted += excess;
      }
    }
  }

  /** Characters dropped from the middle because the output exceeded the cap. */
  get omittedChars(): number {
    return this.omitted;
  }

  text(): string {
    const tail = this.tail.join("");
    if (this.omitted === 0) return this.head + tail;
    return `${this.head}\n… [${this.omitted} characters of output dropped in memory] …\n${tail}`;
  }
}
