import { CodetetherError } from "@codetether/core";

export type VaultFailureReason =
  /** No connection (refused, DNS, timeout). */
  | "unreachable"
  /** 503: the server is sealed. */
  | "sealed"
  /** 403: the token is invalid, expired, or its policies do not grant the path. */
  | "permission_denied"
  /** 404: nothing stored at the path. */
  | "not_found"
  /** The secret exists but lacks `api_key` or has a field of the wrong shape. */
  | "malformed_secret"
  /** A Kubernetes / AppRole login was refused, or no credentials were given. */
  | "auth_failed"
  /** Vault is required (policy `vault-only`) but no address is configured, or the address is not an http(s) URL. */
  | "not_configured"
  /** Any other answer (5xx, bad JSON, …). */
  | "unexpected";

export interface VaultErrorDetails {
  reason: VaultFailureReason;
  /** The Vault address, e.g. `https://vault.internal:8200`. */
  address: string;
  /** The API path involved, e.g. `secret/data/codetether/providers/openai` or `auth/kubernetes/login`. */
  path: string;
  /** HTTP status, when Vault answered. */
  status?: number;
  message: string;
  hint: string;
  cause?: unknown;
}

/**
 * Reading a key from Vault failed. `reason` says how; the message names the address and path, the
 * hint says what to do. The `code` is `vault_<reason>`.
 */
export class VaultError extends CodetetherError {
  readonly reason: VaultFailureReason;
  readonly address: string;
  readonly path: string;
  readonly status?: number;

  constructor(details: VaultErrorDetails) {
    super(`vault_${details.reason}`, details.message, { hint: details.hint, cause: details.cause });
    this.reason = details.reason;
    this.address = details.address;
    this.path = details.path;
    if (details.status !== undefined) this.status = details.status;
  }

  static isVaultError(value: unknown): value is VaultError {
    return CodetetherError.isInstance(value) && value.code.startsWith("vault_") && typeof (value as VaultError).reason === "string";
  }
}
