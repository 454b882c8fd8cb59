import type NodeVault from "node-vault";
import { VaultError } from "../errors/vault-error.js";
import { registerSecret } from "../redact.js";
import type { ProviderSecret, SecretListing, SecretLookup, SecretStore } from "../secret-store.js";
import { parseVaultSecret } from "./parse-vault-secret.js";
import { malformedSecret, toVaultError, type VaultFailureContext } from "./vault-failure.js";
import {
  DEFAULT_CACHE_TTL_SECONDS,
  DEFAULT_VAULT_MOUNT,
  DEFAULT_VAULT_SECRETS_PATH,
  vaultAuthFromEnv,
  type VaultAuth,
  type VaultSecretStoreOptions,
} from "./vault-options.js";
import { VaultTokenSession } from "./vault-token-session.js";

const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Provider keys from HashiCorp Vault's KV version 2 engine: one secret per provider at
 * `<mount>/data/<path>/<provider>` with fields `api_key`, `base_url`, `organization`, `headers`.
 * Reads are cached for a short TTL; every failure is a `VaultError` naming the address and path.
 */
export class VaultSecretStore implements SecretStore {
  readonly address: string;
  readonly mount: string;
  readonly path: string;
  readonly namespace: string | undefined;
  readonly auth: VaultAuth | undefined;
  private readonly options: VaultSecretStoreOptions;
  private readonly now: () => number;
  private readonly cache = new Map<string, { secret: ProviderSecret; expires: number }>();
  private connection: Promise<{ client: NodeVault.client; session: VaultTokenSession }> | undefined;

  constructor(options: VaultSecretStoreOptions) {
    this.options = options;
    this.address = options.address.trim().replace(/\/+$/, "");
    this.mount = trimSlashes(options.mount ?? DEFAULT_VAULT_MOUNT);
    this.path = trimSlashes(options.path ?? DEFAULT_VAULT_SECRETS_PATH);
    this.namespace = options.namespace?.trim() || undefined;
    this.auth = options.auth ?? (options.token ? { method: "token", token: options.token } : undefined);
    this.now = options.now ?? Date.now;
  }

  /**
   * A store configured from `VAULT_ADDR`, `VAULT_TOKEN` / `VAULT_TOKEN_FILE` / `VAULT_ROLE` /
   * `VAULT_ROLE_ID`, `VAULT_NAMESPACE`, `VAULT_MOUNT`, `VAULT_SECRETS_PATH`; `overrides` win.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<VaultSecretStoreOptions> = {}): VaultSecretStore {
    const address = overrides.address ?? env.VAULT_ADDR?.trim();
    if (!address) {
      throw new VaultError({
        reason: "not_configured",
        address: "(none)",
        path: "(none)",
        message: "No Vault address is configured.",
        hint: `Set VAULT_ADDR (e.g. https://vault.example:8200) or [secrets] vault_address in the config.`,
      });
    }
    const auth = overrides.auth ?? (overrides.token ? { method: "token" as const, token: overrides.token } : vaultAuthFromEnv(env));
    const pick = (value: string | undefined) => value?.trim() || undefined;
    const mount = overrides.mount ?? pick(env.VAULT_MOUNT);
    const path = overrides.path ?? pick(env.VAULT_SECRETS_PATH);
    const namespace = overrides.namespace ?? pick(env.VAULT_NAMESPACE);
    return new VaultSecretStore({
      ...overrides,
      env,
      address,
      ...(auth ? { auth } : {}),
      ...(mount ? { mount } : {}),
      ...(path ? { path } : {}),
      ...(namespace ? { namespace } : {}),
    });
  }

  /** The KV v2 API path of a provider's secret, e.g. `secret/data/codetether/providers/openai`. */
  secretPath(providerId: string): string {
    return `${this.mount}/data/${this.path}/${providerId}`;
  }

  /** Looks a provider up; a missing secret (404) is a not-found result, every other failure throws a VaultError. */
  async get(providerId: string): Promise<SecretLookup> {
    try {
      const secret = await this.read(providerId);
      return { found: true, secret, source: "vault", location: this.secretPath(providerId) };
    } catch (error) {
      if (VaultError.isVaultError(error) && error.reason === "not_found") {
        return { found: false, tried: [`vault ${this.address} ${this.secretPath(providerId)} (not found)`], errors: [error] };
      }
      throw error;
    }
  }

  /** The provider's secret; throws a VaultError for every failure, a missing secret included. */
  async read(providerId: string): Promise<ProviderSecret> {
    if (!PROVIDER_ID.test(providerId)) {
      throw malformedSecret(this.context(this.secretPath(providerId), providerId), `cannot exist: "${providerId}" is not a valid provider id`);
    }
    const ttl = (this.options.cacheTtlSeconds ?? DEFAULT_CACHE_TTL_SECONDS) * 1000;
    const cached = this.cache.get(providerId);
    if (cached && ttl > 0 && this.now() < cached.expires) return cached.secret;

    const path = this.secretPath(providerId);
    const body = await this.request(path, providerId, (client) => client.read(path));
    const parsed = parseVaultSecret(body?.data?.data);
    if ("problem" in parsed) throw malformedSecret(this.context(path, providerId), parsed.problem);
    registerSecret(parsed.apiKey);
    for (const value of Object.values(parsed.headers ?? {})) registerSecret(value);
    if (ttl > 0) this.cache.set(providerId, { secret: parsed, expires: this.now() + ttl });
    return parsed;
  }

  /** Providers with a secret under the path (a KV v2 list of `<mount>/metadata/<path>`); values are not read. */
  async list(): Promise<SecretListing[]> {
    const path = `${this.mount}/metadata/${this.path}`;
    let body: any;
    try {
      body = await this.request(path, undefined, (client) => client.list(path));
    } catch (error) {
      if (VaultError.isVaultError(error) && error.reason === "not_found") return [];
      throw error;
    }
    const keys: unknown[] = Array.isArray(body?.data?.keys) ? body.data.keys : [];
    return keys
      .filter((k): k is string => typeof k === "string" && !k.endsWith("/"))
      .sort()
      .map((providerId) => ({ providerId, source: "vault" as const, location: this.secretPath(providerId) }));
  }

  /** Forgets cached reads, so the next `get` asks Vault. */
  clearCache(): void {
    this.cache.clear();
  }

  /** Stops background token renewal. */
  close(): void {
    void this.connection?.then(({ session }) => session.close(), () => undefined);
  }

  private async request(path: string, providerId: string | undefined, call: (client: NodeVault.client) => Promise<any>): Promise<any> {
    // Without a scheme node-vault fails with "Invalid URL", which reads like a server problem.
    if (!/^https?:\/\/[^/]/i.test(this.address)) {
      throw new VaultError({
        reason: "not_configured",
        address: this.address,
        path,
        message: `The Vault address "${this.address}" is not an http(s) URL; cannot read ${path}.`,
        hint: `Set VAULT_ADDR (or [secrets] vault_address) with its scheme, e.g. https://${this.address.replace(/^[a-z][a-z0-9+.-]*:\/*/i, "")}.`,
      });
    }
    const { client, session } = await this.connect();
    try {
      await session.ensure();
    } catch (error) {
      // An unreachable or sealed Vault is reported against the secret the caller wanted, not the token call that met it first.
      if (VaultError.isVaultError(error) && (error.reason === "unreachable" || error.reason === "sealed") && error.cause !== undefined) {
        throw toVaultError(error.cause, this.context(path, providerId, session));
      }
      throw error;
    }
    try {
      return await call(client);
    } catch (error) {
      const failure = toVaultError(error, this.context(path, providerId, session));
      // A login-issued token may have been revoked or outlived; one fresh login is worth a retry.
      if (failure.reason !== "permission_denied" || !session.canLogin) throw failure;
      await session.relogin();
      try {
        return await call(client);
      } catch (retryError) {
        throw toVaultError(retryError, this.context(path, providerId, session));
      }
    }
  }

  private connect(): Promise<{ client: NodeVault.client; session: VaultTokenSession }> {
    this.connection ??= (async () => {
      // Loaded on first use: the CLI starts faster when Vault is not involved.
      const mod = (await import("node-vault")) as unknown as { default?: typeof NodeVault } & typeof NodeVault;
      const factory = (mod.default ?? mod) as typeof NodeVault;
      const client = factory({
        endpoint: this.address,
        apiVersion: "v1",
        noCustomHTTPVerbs: true,
        requestOptions: { timeout: this.options.timeoutMs ?? 5000 },
      });
      // node-vault falls back to process.env for these; an embedded store must use only its options.
      client.token = undefined as unknown as string;
      (client as unknown as { namespace?: string }).namespace = this.namespace;
      (client as unknown as { pathPrefix: string }).pathPrefix = "";
      const session: VaultTokenSession = new VaultTokenSession(client, {
        address: this.address,
        auth: this.auth,
        now: this.now,
        renewFraction: this.options.renewFraction ?? 2 / 3,
        renewInBackground: this.options.renewInBackground ?? true,
        context: (path, login) => ({ ...this.context(path, undefined, session), ...(login ? { login } : {}) }),
      });
      return { client, session };
    })();
    return this.connection;
  }

  private context(path: string, providerId?: string, session?: VaultTokenSession): VaultFailureContext {
    return {
      address: this.address,
      path,
      credential: session?.describe() ?? "the configured token",
      mount: this.mount,
      secretsPath: this.path,
      ...(providerId ? { providerId } : {}),
    };
  }
}

function trimSlashes(value: string): string {
  return value.trim().replace(/^\/+|\/+$/g, "");
}
