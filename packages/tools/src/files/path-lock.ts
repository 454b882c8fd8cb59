/**
 * Serialises work on the same files within one tool set, so two edits of one file running at once
 * (a `batch` of edits, parallel agents sharing tools) cannot both read the old content and have
 * the second write silently undo the first. Paths are locked in sorted order, so no deadlock.
 */
export class PathLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(paths: Iterable<string>, work: () => Promise<T>): Promise<T> {
    const keys = [...new Set(paths)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of keys) {
        const previous = this.tails.get(key) ?? Promise.resolve();
        let release!: () => void;
        const mine = new Promise<void>((resolve) => (release = resolve));
        const tail = previous.then(() => mine);
        this.tails.set(key, tail);
        releases.push(() => {
          release();
          // Forget the key once nobody queued behind us, so the map does not grow forever.
          if (this.tails.get(key) === tail) this.tails.delete(key);
        });
        await previous;
      }
      return await work();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }
}
