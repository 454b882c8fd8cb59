import type { StreamEvent } from "@codetether/core";

/** Drains a provider stream into an array (tests only). */
export async function collectEvents(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

export function textOf(events: StreamEvent[]): string {
  return events.flatMap((e) => (e.type === "text_delta" ? [e.text] : [])).join("");
}

/** Fast retries so fault tests take milliseconds, not seconds. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;
