import { CodetetherError } from "@codetether/core";

/** A model ref names a provider that is neither built in nor configured. */
export class UnknownProviderError extends CodetetherError {
  readonly providerId: string;

  constructor(providerId: string, known: string[]) {
    super("provider_unknown", `Unknown provider "${providerId}". Known providers: ${known.join(", ")}.`, {
      hint: `Pick one of those, or add [providers.${providerId}] with type = "openai-compatible" and base_url to your config.`,
    });
    this.providerId = providerId;
  }
}
