import { loadConfig, type CodetetherConfig } from "@codetether/core";
import { createSecretStore, PROVIDER_ENV_VARS, type ChainSecretStore } from "@codetether/secrets";
import { UsageError } from "../cli/usage-error.js";

export interface AuthContext {
  config: CodetetherConfig;
  store: ChainSecretStore;
}

/** The merged config and the secret store built from it, as every auth command sees them. */
export function authContext(cwd: string): AuthContext {
  const config = loadConfig({ cwd }).config;
  return { config, store: createSecretStore({ config, env: process.env }) };
}

/** Built-in providers plus those defined under `[providers.<id>]`. */
export function knownProviderIds(config: CodetetherConfig): string[] {
  return [...new Set([...Object.keys(PROVIDER_ENV_VARS), ...Object.keys(config.providers ?? {})])].sort();
}

export function checkProviderId(providerId: string, config: CodetetherConfig): void {
  const known = knownProviderIds(config);
  if (!known.includes(providerId)) {
    throw new UsageError(
      `Unknown provider "${providerId}".`,
      `Known providers: ${known.join(", ")}. For another OpenAI-compatible host, add [providers.${providerId}] with type = "openai-compatible" and base_url to the config first.`,
    );
  }
}
