import type { ProviderConfig } from "@codetether/core";
import { ChainSecretStore } from "./chain/chain-secret-store.js";
import { envVarsFor } from "./env/provider-env-vars.js";
import { SecretNotFoundError } from "./errors/secret-not-found-error.js";
import type { ProviderSecret, SecretStore } from "./secret-store.js";
import { VaultSecretStore } from "./vault/vault-secret-store.js";

/** The provider's secret, or a SecretNotFoundError listing where it looked and how to add a key. */
export async function requireSecret(store: SecretStore, providerId: string, providers?: Record<string, ProviderConfig>): Promise<ProviderSecret> {
  const lookup = await store.get(providerId);
  if (lookup.found) return lookup.secret;
  const vault = store instanceof VaultSecretStore ? store : store instanceof ChainSecretStore ? store.vault : undefined;
  throw new SecretNotFoundError(providerId, lookup.tried, {
    envVars: envVarsFor(providerId, providers),
    ...(vault ? { vaultMount: vault.mount, vaultPath: vault.path } : {}),
  });
}
