import { CodetetherError } from "@codetether/core";

/** The model call failed (after the provider's own retries) for a reason that is not a CodetetherError. */
export class ProviderFailedError extends CodetetherError {
  constructor(providerId: string, cause: unknown) {
    super("provider_failed", `The ${providerId} provider failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      hint: "The session is saved: fix the cause (network, key, model name) and continue it with `codetether run -c`.",
      cause,
    });
  }
}
