export * from "./secret-store.js";
export * from "./redact.js";
export { VaultError, type VaultFailureReason, type VaultErrorDetails } from "./errors/vault-error.js";
export { SecretFileError } from "./errors/secret-file-error.js";
export { SecretNotFoundError, type SecretNotFoundOptions } from "./errors/secret-not-found-error.js";
export { VaultSecretStore } from "./vault/vault-secret-store.js";
export {
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_KUBERNETES_JWT_PATH,
  DEFAULT_VAULT_MOUNT,
  DEFAULT_VAULT_SECRETS_PATH,
  isVaultConfigured,
  vaultAuthFromEnv,
  type VaultAuth,
  type VaultSecretStoreOptions,
} from "./vault/vault-options.js";
export { FileSecretStore, KEY_FILE_NAME, type FileSecretStoreOptions } from "./file/file-secret-store.js";
export { EnvSecretStore, type EnvSecretStoreOptions } from "./env/env-secret-store.js";
export { PROVIDER_ENV_VARS, envVarsFor } from "./env/provider-env-vars.js";
export {
  ChainSecretStore,
  type ChainSecretStoreOptions,
  type SecretInventory,
  type SecretSourceProblem,
  type SecretsPolicy,
} from "./chain/chain-secret-store.js";
export { createSecretStore, secretsPolicy, type CreateSecretStoreOptions } from "./create-secret-store.js";
export { requireSecret } from "./require-secret.js";
