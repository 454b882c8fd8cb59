import { CodetetherError } from "@codetether/core";
import { redact } from "@codetether/secrets";

export type ProviderErrorKind = "auth" | "rate_limit" | "context_overflow" | "bad_request" | "unavailable";

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  providerId: string;
  /** The provider's own explanation (redacted before it is stored). */
  providerMessage: string;
  status?: number;
  /** Whether the retry policy may try again (429, 5xx, connection resets, cut streams). */
  retryable?: boolean;
  /** The server's Retry-After, in milliseconds. */
  retryAfterMs?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
  cause?: unknown;
}

const HINTS: Record<ProviderErrorKind, (id: string) => string> = {
  auth: (id) =>
    `Check the API key for "${id}": store one in Vault, run \`codetether auth login ${id}\`, or set the provider's environment variable.`,
  rate_limit: () => "The provider is rate-limiting this key; wait a moment and retry, or use another model.",
  context_overflow: () => "The conversation no longer fits the model's context window; compact it or start a new session.",
  bad_request: () => "The provider rejected the request; check the model id and the request options.",
  unavailable: () => "The provider could not be reached or answered badly; check the base URL and your connection, then retry.",
};

/** A model call failed after the retry policy gave up; `kind` says what the caller can do about it. */
export class ProviderError extends CodetetherError {
  readonly kind: ProviderErrorKind;
  readonly providerId: string;
  readonly providerMessage: string;
  readonly status?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly attempts: number;

  constructor(init: ProviderErrorInit) {
    const providerMessage = redact(init.providerMessage);
    const status = init.status === undefined ? "" : ` (HTTP ${init.status})`;
    super(`provider_${init.kind}`, `${init.providerId}: ${init.kind.replace("_", " ")}${status}: ${providerMessage}`, {
      hint: HINTS[init.kind](init.providerId),
      cause: init.cause,
    });
    this.kind = init.kind;
    this.providerId = init.providerId;
    this.providerMessage = providerMessage;
    if (init.status !== undefined) this.status = init.status;
    this.retryable = init.retryable ?? false;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 1;
  }

  /** The same error, recording how many attempts were made. */
  withAttempts(attempts: number): ProviderError {
    return new ProviderError({ ...this.init(), attempts });
  }

  private init(): ProviderErrorInit {
    return {
      kind: this.kind,
      providerId: this.providerId,
      providerMessage: this.providerMessage,
      retryable: this.retryable,
      ...(this.status !== undefined ? { status: this.status } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
      cause: this.cause,
    };
  }
}
