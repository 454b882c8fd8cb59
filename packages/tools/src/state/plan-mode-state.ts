/**
 * Whether a session is in plan mode. The `plan_enter`/`plan_exit` tools flip it; the agent loop
 * reads it before each step to offer only read-only tools while planning.
 */
export class PlanModeState {
  private current: boolean;
  private readonly listeners = new Set<(active: boolean) => void>();

  constructor(active = false) {
    this.current = active;
  }

  get active(): boolean {
    return this.current;
  }

  set(active: boolean): void {
    if (active === this.current) return;
    this.current = active;
    for (const listener of [...this.listeners]) listener(active);
  }

  /** Calls `listener` on each change; returns the function that unsubscribes. */
  onChange(listener: (active: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
