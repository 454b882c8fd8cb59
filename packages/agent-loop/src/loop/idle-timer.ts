/**
 * A wall-clock timeout renewed by progress: it fires only after `ms` without a `touch()`. Touches
 * just record the time (stream deltas touch often), and the timer re-arms itself for the remainder.
 */
export class IdleTimer {
  private last = Date.now();
  private handle: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {
    if (Number.isFinite(ms) && ms > 0) this.arm(ms);
  }

  touch(): void {
    this.last = Date.now();
  }

  stop(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(delay: number): void {
    this.handle = setTimeout(() => {
      const idle = Date.now() - this.last;
      if (idle >= this.ms) {
        this.handle = undefined;
        this.onIdle();
      } else {
        this.arm(this.ms - idle);
      }
    }, delay);
    this.handle.unref?.();
  }
}
