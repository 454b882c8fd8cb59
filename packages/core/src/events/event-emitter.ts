export type EventListener<E> = (event: E) => void;

type TypeOf<E> = E extends { type: infer T } ? T : never;

/**
 * The event stream of one run. Listeners are isolated: one that throws is reported to
 * `onListenerError` and the run goes on, because a broken view must not break the work.
 */
export class EventEmitter<E extends { type: string }> {
  private readonly listeners = new Set<EventListener<E>>();
  onListenerError: (error: unknown, event: E) => void = (error) => {
    process.emitWarning(`codetether: an event listener threw: ${String(error)}`);
  };

  /** Subscribes to every event; returns the function that unsubscribes. */
  subscribe(listener: EventListener<E>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to events of one type. */
  on<T extends TypeOf<E>>(type: T, listener: EventListener<Extract<E, { type: T }>>): () => void {
    return this.subscribe((event) => {
      if (event.type === type) listener(event as Extract<E, { type: T }>);
    });
  }

  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  /**
   * Yields events as an async iterator until `until` returns true for an event (that event is
   * yielded too) or the signal aborts. Events are buffered, so a slow consumer misses none.
   */
  async *iterate(options: { until?: (event: E) => boolean; signal?: AbortSignal } = {}): AsyncGenerator<E> {
    const queue: E[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const unsubscribe = this.subscribe((event) => {
      queue.push(event);
      if (options.until?.(event)) done = true;
      wake?.();
    });
    const onAbort = () => {
      done = true;
      wake?.();
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      while (true) {
        while (queue.length > 0) yield queue.shift() as E;
        if (done || options.signal?.aborted) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      unsubscribe();
      options.signal?.removeEventListener("abort", onAbort);
    }
  }
}
