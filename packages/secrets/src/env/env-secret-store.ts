import type { ProviderConfig } from "@codetether/core";
import { registerSecret } from "../redact.js";
import type { SecretListing, SecretLookup, SecretStore } from "../secret-store.js";
import { envVarsFor, PROVIDER_ENV_VARS } from "./provider-env-vars.js";

export interface EnvSecretStoreOptions {
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The `[providers]` config, for custom providers' `api_key_env`. */
  providers?: Record<string, ProviderConfig>;
}

/** Keys from environment variables (`OPENAI_API_KEY`, …, or a provider's configured `api_key_env`). */
export class EnvSecretStore implements SecretStore {
  private readonly env: NodeJS.ProcessEnv;
  private readonly providers: Record<string, ProviderConfig> | undefined;

  constructor(options: EnvSecretStoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.providers = options.providers;
  }

  async get(providerId: string): Promise<SecretLookup> {
    const names = envVarsFor(providerId, this.providers);
    for (const name of names) {
      const value = this.env[name]?.trim();
      if (value) {
        registerSecret(value);
        return { found: true, secret: { apiKey: value }, source: "env", location: name };
      }
    }
    return { found: false, tried: [names.length > 0 ? `env ${names.join(", ")}` : `env (no variable known for "${providerId}")`] };
  }

  async list(): Promise<SecretListing[]> {
    const ids = new Set([...Object.keys(PROVIDER_ENV_VARS), ...Object.keys(this.providers ?? {})]);
    const out: SecretListing[] = [];
    for (const providerId of [...ids].sort()) {
      const name = envVarsFor(providerId, this.providers).find((n) => this.env[n]?.trim());
      if (name) out.push({ providerId, source: "env", location: name });
    }
    return out;
  }
}
