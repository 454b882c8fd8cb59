import { redact } from "../redact.js";
import { VaultError, type VaultFailureReason } from "../errors/vault-error.js";

/** What the store was doing when Vault failed, for a message that names it. */
export interface VaultFailureContext {
  address: string;
  /** API path without `/v1/`, e.g. `secret/data/codetether/providers/openai`. */
  path: string;
  /** e.g. `the token from VAULT_TOKEN`, `Kubernetes role "agent"`. */
  credential: string;
  mount: string;
  secretsPath: string;
  providerId?: string;
  /** True for logins (`auth/<mount>/login`), whose refusals mean bad credentials rather than a missing grant. */
  login?: boolean;
}

interface NodeVaultFailure {
  message?: string;
  code?: string;
  response?: { statusCode?: number; body?: unknown };
  cause?: { code?: string };
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ERR_NETWORK", "ERR_CANCELED"]);

/** Turns whatever node-vault threw into a VaultError that names the address and path and says what to do. */
export function toVaultError(error: unknown, ctx: VaultFailureContext): VaultError {
  if (VaultError.isVaultError(error)) return error;
  const e = (error ?? {}) as NodeVaultFailure;
  const status = e.response?.statusCode;
  // Vault's own words, masked: an error body may echo a key this process has already handed out.
  const said = redact(String(e.message ?? error));
  const where = `${ctx.path} at Vault ${ctx.address}`;
  if (status === undefined) {
    const code = e.code ?? e.cause?.code;
    const reason: VaultFailureReason = code && NETWORK_CODES.has(code) ? "unreachable" : "unexpected";
    if (reason === "unreachable") {
      return new VaultError({
        reason,
        address: ctx.address,
        path: ctx.path,
        message: `Cannot reach Vault at ${ctx.address} (${code === "ECONNABORTED" ? "timed out" : code}) to read ${ctx.path}.`,
        hint: `Check VAULT_ADDR and that Vault is running and reachable from this machine (network, TLS, proxy). Without Vault, unset VAULT_ADDR to use keys from \`codetether auth login\` or environment variables.`,
        cause: error,
      });
    }
    return unexpected(ctx, undefined, said, error);
  }
  if (status === 503) {
    return new VaultError({
      reason: "sealed",
      address: ctx.address,
      path: ctx.path,
      status,
      message: `Vault at ${ctx.address} is sealed (503: ${said}); cannot read ${ctx.path}.`,
      hint: `An operator must unseal it (\`vault operator unseal\`). Until then CodeTether falls back to local keys, unless [secrets] policy = "vault-only".`,
      cause: error,
    });
  }
  if (ctx.login && (status === 400 || status === 403)) {
    return new VaultError({
      reason: "auth_failed",
      address: ctx.address,
      path: ctx.path,
      status,
      message: `Vault at ${ctx.address} refused the login at ${ctx.path} with ${ctx.credential} (${status}: ${said}).`,
      hint: ctx.path.includes("approle")
        ? `Check VAULT_ROLE_ID and VAULT_SECRET_ID (secret IDs expire and may be single-use) and VAULT_AUTH_MOUNT.`
        : `Check VAULT_ROLE, that the role binds this pod's service account and namespace, the JWT file (VAULT_K8S_TOKEN_PATH) and VAULT_AUTH_MOUNT.`,
      cause: error,
    });
  }
  if (status === 403) {
    return new VaultError({
      reason: "permission_denied",
      address: ctx.address,
      path: ctx.path,
      status,
      message: `Vault at ${ctx.address} denied ${ctx.path} (403: ${said}) to ${ctx.credential}.`,
      hint: `The token may be expired or revoked, or its policies lack "read" on this path. Log in again, or grant it, e.g. path "${ctx.mount}/data/${ctx.secretsPath}/*" { capabilities = ["read"] } (and "list" on "${ctx.mount}/metadata/${ctx.secretsPath}"). If you use Vault Enterprise, check VAULT_NAMESPACE.`,
      cause: error,
    });
  }
  if (status === 404) {
    const provider = ctx.providerId ?? "<provider>";
    return new VaultError({
      reason: "not_found",
      address: ctx.address,
      path: ctx.path,
      status,
      message: `No secret at ${where} (404).`,
      hint: `Write one: vault kv put -mount=${ctx.mount} ${ctx.secretsPath}/${provider} api_key=<key>. If it is stored elsewhere, set VAULT_MOUNT / VAULT_SECRETS_PATH (or [secrets] vault_mount / vault_path).`,
      cause: error,
    });
  }
  return unexpected(ctx, status, said, error);
}

export function malformedSecret(ctx: VaultFailureContext, problem: string): VaultError {
  return new VaultError({
    reason: "malformed_secret",
    address: ctx.address,
    path: ctx.path,
    message: `The secret at ${ctx.path} in Vault ${ctx.address} ${problem}.`,
    hint: `Store the key in the field api_key (optional: base_url, organization, headers as an object or a JSON string), e.g. vault kv put -mount=${ctx.mount} ${ctx.secretsPath}/${ctx.providerId ?? "<provider>"} api_key=<key>.`,
  });
}

function unexpected(ctx: VaultFailureContext, status: number | undefined, said: string, cause: unknown): VaultError {
  return new VaultError({
    reason: "unexpected",
    address: ctx.address,
    path: ctx.path,
    ...(status === undefined ? {} : { status }),
    message: `Vault at ${ctx.address} failed on ${ctx.path}${status === undefined ? "" : ` (${status})`}: ${said}`,
    hint: `Retry later; if it persists, check the Vault server's logs and that VAULT_ADDR points at Vault itself.`,
    cause,
  });
}
