import { dataDir as defaultDataDir, type CodetetherConfig } from "@codetether/core";
import { ChainSecretStore, type SecretsPolicy } from "./chain/chain-secret-store.js";
import { EnvSecretStore } from "./env/env-secret-store.js";
import { FileSecretStore } from "./file/file-secret-store.js";
import { isVaultConfigured, type VaultSecretStoreOptions } from "./vault/vault-options.js";
import { VaultSecretStore } from "./vault/vault-secret-store.js";

export interface CreateSecretStoreOptions {
  /** The merged config (core's `loadConfig().config`); `[secrets]` and `[providers.*].api_key_env` are read. */
  config?: CodetetherConfig;
  /** Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Where the key file lives; default core's `dataDir({ env })`. */
  dataDir?: string;
  /** Extra Vault options (tests pass a clock, embedders a timeout). */
  vault?: Partial<VaultSecretStoreOptions>;
}

/** `vault-only` when the config says so or `CODETETHER_DISABLE_ENV_FALLBACK` is set; else `vault-first`. */
export function secretsPolicy(config: CodetetherConfig | undefined, env: NodeJS.ProcessEnv): SecretsPolicy {
  if (/^(1|true|yes|on)$/i.test(env.CODETETHER_DISABLE_ENV_FALLBACK?.trim() ?? "")) return "vault-only";
  return config?.secrets?.policy === "vault-only" ? "vault-only" : "vault-first";
}

/**
 * The store the apps use: Vault (when `VAULT_ADDR` or `[secrets] vault_address` is set), then the
 * key file, then environment variables, under the configured policy. Environment variables override
 * the config's Vault address, mount and path.
 */
export function createSecretStore(options: CreateSecretStoreOptions = {}): ChainSecretStore {
  const env = options.env ?? process.env;
  const secrets = options.config?.secrets;
  const policy = secretsPolicy(options.config, env);
  const vault = isVaultConfigured(env, secrets?.vault_address) || options.vault?.address
    ? VaultSecretStore.fromEnv(env, {
        ...(secrets?.vault_address && !env.VAULT_ADDR?.trim() ? { address: secrets.vault_address } : {}),
        ...(secrets?.vault_mount && !env.VAULT_MOUNT?.trim() ? { mount: secrets.vault_mount } : {}),
        ...(secrets?.vault_path && !env.VAULT_SECRETS_PATH?.trim() ? { path: secrets.vault_path } : {}),
        ...(secrets?.cache_ttl_seconds !== undefined ? { cacheTtlSeconds: secrets.cache_ttl_seconds } : {}),
        ...options.vault,
      })
    : undefined;
  const file = new FileSecretStore({ dataDir: options.dataDir ?? defaultDataDir({ env }) });
  const envStore = new EnvSecretStore({ env, ...(options.config?.providers ? { providers: options.config.providers } : {}) });
  return new ChainSecretStore({ policy, file, env: envStore, ...(vault ? { vault } : {}) });
}
