/** The last `capacity` characters of a stream, and how many were dropped before them. */
export class RingBuffer {
  private chunks: string[] = [];
  private length = 0;
  private droppedChars = 0;

  constructor(private readonly capacity = 256 * 1024) {}

  push(chunk: string): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.length > this.capacity) {
      const first = this.chunks[0] as string;
      const excess = this.length - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.length -= first.length;
        this.droppedChars += first.length;
      } else {
        this.chunks[0] = first.slice(excess);
        this.length -= excess;
        this.droppedChars += excess;
      }
    }
  }

  get dropped(): number {
    return this.droppedChars;
  }

  /** Total characters ever pushed. */
  get total(): number {
    return this.droppedChars + this.length;
  }

  text(): string {
    const joined = this.chunks.join("");
    this.chunks = [joined];
    return joined;
  }
}
