import { AbortedError, type StreamEvent } from "@codetether/core";
import { toProviderError } from "../errors/to-provider-error.js";
import { backoffDelay, resolveRetryPolicy, type RetryPolicy } from "./retry-policy.js";

/**
 * Runs `open` and re-runs it after a retryable failure, as long as the caller has seen nothing but
 * the `start` event: once a token is out, a retry would duplicate it, so the error surfaces.
 */
export async function* retryingStream(
  providerId: string,
  policy: RetryPolicy | undefined,
  signal: AbortSignal | undefined,
  open: () => AsyncIterable<StreamEvent>,
): AsyncGenerator<StreamEvent> {
  const resolved = resolveRetryPolicy(policy);
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw new AbortedError("The model request");
    let delivered = false;
    let start: StreamEvent | undefined;
    try {
      for await (const event of open()) {
        // Some SDKs end an aborted stream quietly; the caller must still learn it was cut short.
        if (signal?.aborted) throw new AbortedError("The model request");
        if (!delivered && event.type === "start") {
          start = event;
          continue;
        }
        if (!delivered) {
          delivered = true;
          if (start) yield start;
        }
        yield event;
      }
      if (signal?.aborted) throw new AbortedError("The model request");
      if (!delivered && start) yield start;
      return;
    } catch (raw) {
      if (signal?.aborted) throw new AbortedError("The model request");
      const error = toProviderError(raw, providerId);
      const wait = error.retryAfterMs ?? backoffDelay(resolved, attempt);
      const giveUp = delivered || !error.retryable || attempt >= resolved.maxAttempts || wait > resolved.maxRetryAfterMs;
      if (giveUp) throw error.withAttempts(attempt);
      await sleep(wait, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(new AbortedError("The model request"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
