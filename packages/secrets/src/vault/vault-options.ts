import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const DEFAULT_VAULT_MOUNT = "secret";
export const DEFAULT_VAULT_SECRETS_PATH = "codetether/providers";
export const DEFAULT_KUBERNETES_JWT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount/token";
export const DEFAULT_CACHE_TTL_SECONDS = 30;

/** How the store gets a Vault token. */
export type VaultAuth =
  /** A fixed token (`VAULT_TOKEN`). */
  | { method: "token"; token: string }
  /** A file Vault Agent keeps current (`VAULT_TOKEN_FILE`); re-read whenever it changes. */
  | { method: "token_file"; path: string }
  /** Kubernetes service-account login (`VAULT_ROLE`); `jwt` given directly wins over `jwtPath`. */
  | { method: "kubernetes"; role: string; jwtPath?: string; jwt?: string; mount?: string }
  /** AppRole login (`VAULT_ROLE_ID`, `VAULT_SECRET_ID`). */
  | { method: "approle"; roleId: string; secretId?: string; mount?: string };

export interface VaultSecretStoreOptions {
  /** e.g. `https://vault.internal:8200` (`VAULT_ADDR`). */
  address: string;
  /** Shorthand for `auth: { method: "token", token }`. */
  token?: string;
  auth?: VaultAuth;
  /** KV v2 mount (`VAULT_MOUNT`, default `secret`). */
  mount?: string;
  /** Folder under the mount holding one secret per provider (`VAULT_SECRETS_PATH`, default `codetether/providers`). */
  path?: string;
  /** Vault Enterprise namespace, sent as `X-Vault-Namespace` (`VAULT_NAMESPACE`). */
  namespace?: string;
  /** Seconds a read is reused before Vault is asked again (default 30; 0 disables the cache). */
  cacheTtlSeconds?: number;
  /** Milliseconds before a request to Vault is abandoned as unreachable (default 5000). */
  timeoutMs?: number;
  /**
   * Renew a renewable token once this fraction of its lease has passed (default 2/3, as Vault
   * Agent does). Checked before each request and, when `renewInBackground`, on a timer.
   */
  renewFraction?: number;
  /** Keep renewing on an (unref'd) timer while the process lives, so idle periods do not let the token expire. Default true. */
  renewInBackground?: boolean;
  /** Environment for defaults (HOME for `~/.vault-token`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds clock; tests pass one they control. */
  now?: () => number;
}

/** True when the environment or config names a Vault server. */
export function isVaultConfigured(env: NodeJS.ProcessEnv, configAddress?: string): boolean {
  return Boolean(env.VAULT_ADDR?.trim() || configAddress?.trim());
}

/**
 * Picks the auth method from the environment, most explicit first: `VAULT_TOKEN`, `VAULT_TOKEN_FILE`,
 * AppRole (`VAULT_ROLE_ID`), Kubernetes (`VAULT_ROLE`), then the `~/.vault-token` the vault CLI writes.
 */
export function vaultAuthFromEnv(env: NodeJS.ProcessEnv): VaultAuth | undefined {
  const value = (name: string) => env[name]?.trim() || undefined;
  const token = value("VAULT_TOKEN");
  if (token) return { method: "token", token };
  const tokenFile = value("VAULT_TOKEN_FILE");
  if (tokenFile) return { method: "token_file", path: tokenFile };
  const roleId = value("VAULT_ROLE_ID");
  if (roleId) {
    const secretId = value("VAULT_SECRET_ID");
    const mount = value("VAULT_AUTH_MOUNT");
    return { method: "approle", roleId, ...(secretId ? { secretId } : {}), ...(mount ? { mount } : {}) };
  }
  const role = value("VAULT_ROLE");
  if (role) {
    const jwtPath = value("VAULT_K8S_TOKEN_PATH");
    const mount = value("VAULT_AUTH_MOUNT");
    return { method: "kubernetes", role, ...(jwtPath ? { jwtPath } : {}), ...(mount ? { mount } : {}) };
  }
  const home = env.HOME ?? homedir();
  const cliToken = join(home, ".vault-token");
  if (existsSync(cliToken)) return { method: "token_file", path: cliToken };
  return undefined;
}
