import { CodetetherError } from "@codetether/core";

/** No API key was found for a provider that needs one. */
export class MissingKeyError extends CodetetherError {
  readonly providerId: string;
  readonly tried: string[];

  constructor(providerId: string, tried: string[], envVar?: string) {
    const where = tried.length > 0 ? ` (looked in: ${tried.join("; ")})` : "";
    super("provider_key_missing", `No API key for provider "${providerId}"${where}.`, {
      hint: [
        `Store one in Vault (secret/data/codetether/providers/${providerId}, field api_key)`,
        `run \`codetether auth login ${providerId}\``,
        envVar ? `or set ${envVar}` : `or set api_key_env in [providers.${providerId}] to the variable holding it`,
      ].join(", ") + ".",
    });
    this.providerId = providerId;
    this.tried = tried;
  }
}
