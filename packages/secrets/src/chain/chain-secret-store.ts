import { CodetetherError } from "@codetether/core";
import type { EnvSecretStore } from "../env/env-secret-store.js";
import { VaultError } from "../errors/vault-error.js";
import type { FileSecretStore } from "../file/file-secret-store.js";
import type { SecretListing, SecretLookup, SecretSource, SecretStore } from "../secret-store.js";
import type { VaultSecretStore } from "../vault/vault-secret-store.js";

/** `vault-first`: Vault, then the key file, then environment. `vault-only`: Vault alone (strict mode). */
export type SecretsPolicy = "vault-first" | "vault-only";

export interface ChainSecretStoreOptions {
  /** Absent when no Vault is configured. */
  vault?: VaultSecretStore;
  file?: FileSecretStore;
  env?: EnvSecretStore;
  policy?: SecretsPolicy;
}

/** A store that could not be listed, with why (for `auth list` and `config --show` to report). */
export interface SecretSourceProblem {
  source: SecretSource;
  error: CodetetherError;
}

export interface SecretInventory {
  /** One entry per provider: the source `get` would use. */
  keys: SecretListing[];
  problems: SecretSourceProblem[];
}

/**
 * Asks Vault, then the local key file, then the environment, and answers with the first key found.
 * A configured Vault that fails is recorded in `tried`/`errors` and the fallbacks are asked; under
 * `vault-only` the fallbacks are off and a Vault failure is thrown as its `VaultError`.
 */
export class ChainSecretStore implements SecretStore {
  readonly policy: SecretsPolicy;
  readonly vault: VaultSecretStore | undefined;
  readonly file: FileSecretStore | undefined;
  readonly env: EnvSecretStore | undefined;

  constructor(options: ChainSecretStoreOptions) {
    this.policy = options.policy ?? "vault-first";
    this.vault = options.vault;
    this.file = options.file;
    this.env = options.env;
  }

  /** The stores asked, in order, under the policy. */
  get sources(): { source: SecretSource; store: SecretStore }[] {
    const all: { source: SecretSource; store: SecretStore | undefined }[] = [
      { source: "vault", store: this.vault },
      ...(this.policy === "vault-only" ? [] : [
        { source: "file" as const, store: this.file },
        { source: "env" as const, store: this.env },
      ]),
    ];
    return all.filter((s): s is { source: SecretSource; store: SecretStore } => s.store !== undefined);
  }

  async get(providerId: string): Promise<SecretLookup> {
    if (this.policy === "vault-only" && !this.vault) throw vaultRequired();
    const tried: string[] = [];
    const errors: CodetetherError[] = [];
    for (const { source, store } of this.sources) {
      let lookup: SecretLookup;
      try {
        lookup = await store.get(providerId);
      } catch (error) {
        // A failing Vault must not take down the fallbacks; anything else (a corrupt key file) is the user's to fix now.
        if (source !== "vault" || this.policy === "vault-only" || !VaultError.isVaultError(error)) throw error;
        tried.push(`vault ${error.address} ${error.path} (${error.reason})`);
        errors.push(error);
        continue;
      }
      if (lookup.found) return lookup;
      tried.push(...lookup.tried);
      errors.push(...(lookup.errors ?? []));
    }
    return { found: false, tried, ...(errors.length > 0 ? { errors } : {}) };
  }

  /** Which providers have keys and from which source (the one `get` would use); never the values. */
  async list(): Promise<SecretListing[]> {
    return (await this.inventory()).keys;
  }

  /** `list()` plus the stores that could not be listed (e.g. Vault unreachable) and why. */
  async inventory(): Promise<SecretInventory> {
    const keys = new Map<string, SecretListing>();
    const problems: SecretSourceProblem[] = [];
    if (this.policy === "vault-only" && !this.vault) problems.push({ source: "vault", error: vaultRequired() });
    for (const { source, store } of this.sources) {
      let listed: SecretListing[];
      try {
        listed = await store.list();
      } catch (error) {
        problems.push({ source, error: CodetetherError.isInstance(error) ? error : new CodetetherError("secret_list_failed", String(error)) });
        continue;
      }
      for (const entry of listed) if (!keys.has(entry.providerId)) keys.set(entry.providerId, entry);
    }
    return { keys: [...keys.values()].sort((a, b) => a.providerId.localeCompare(b.providerId)), problems };
  }

  /** Stops background work (Vault token renewal). */
  close(): void {
    this.vault?.close();
  }
}

function vaultRequired(): VaultError {
  return new VaultError({
    reason: "not_configured",
    address: "(none)",
    path: "(none)",
    message: `The secrets policy is "vault-only", but no Vault address is configured.`,
    hint: `Set VAULT_ADDR (or [secrets] vault_address), or allow local keys: remove [secrets] policy = "vault-only" and CODETETHER_DISABLE_ENV_FALLBACK.`,
  });
}
