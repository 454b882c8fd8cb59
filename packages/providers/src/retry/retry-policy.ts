/** How hard a provider tries before giving up. The SDKs' own retries are off: this is the only policy. */
export interface RetryPolicy {
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** Delay before the first retry; doubles each time (default 500 ms). */
  baseDelayMs?: number;
  /** Cap on the backoff delay (default 8 s). */
  maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the error surfaces instead (default 60 s). */
  maxRetryAfterMs?: number;
}

export const DEFAULT_RETRY_POLICY: Required<RetryPolicy> = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

export function resolveRetryPolicy(policy: RetryPolicy = {}): Required<RetryPolicy> {
  return { ...DEFAULT_RETRY_POLICY, ...Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)) };
}

/** Exponential backoff with jitter in [½, 1] of the step, so clients that failed together spread out. */
export function backoffDelay(policy: Required<RetryPolicy>, failedAttempt: number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  return step / 2 + Math.random() * (step / 2);
}
