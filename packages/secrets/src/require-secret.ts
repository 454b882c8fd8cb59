import type { ProviderConfig } from "@codetether/core";
import { envVarsFor } from "./env/provider-env-vars.js";
import { SecretNotFoundError } from "./errors/secret-not-found-error.js";
import type { ProviderSecret, SecretStore } from "./secret-store.js";

/** The provider's secret, or a SecretNotFoundError listing where it looked and how to add a key. */
export async function requireSecret(store: SecretStore, providerId: string, providers?: Record<string, ProviderConfig>): Promise<ProviderSecret> {
  const lookup = await store.get(providerId);
  if (lookup.found) return lookup.secret;
  throw new SecretNotFoundError(providerId, lookup.tried, envVarsFor(providerId, providers));
}
