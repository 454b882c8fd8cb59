import { DEFAULT_MODEL, parseModelRef, type CodetetherConfig, type ModelRef, type Provider, type ProviderConfig } from "@codetether/core";
import { envVarsFor, VaultError, type SecretLookup, type SecretStore } from "@codetether/secrets";
import { listCatalogModels } from "../catalog/list-catalog-models.js";
import { getModelInfo, type CatalogModelInfo } from "../catalog/get-model-info.js";
import { createProvider } from "../create-provider.js";
import { MissingKeyError } from "../errors/missing-key-error.js";
import { UnknownProviderError } from "../errors/unknown-provider-error.js";
import type { RetryPolicy } from "../retry/retry-policy.js";
import { isLoopbackUrl } from "./is-loopback-url.js";
import { KNOWN_PROVIDERS, knownProvider } from "./known-providers.js";

export interface ResolvedModel {
  provider: Provider;
  /** The model id within the provider (what a CompletionRequest's `model` takes). */
  model: string;
  info: CatalogModelInfo;
}

export interface ProviderRegistryOptions {
  retry?: RetryPolicy;
}

/**
 * Turns `provider/model` refs into ready providers, using the merged config (`[providers.<id>]`
 * tables, `default_model`) and the secret store for keys. Providers are built once per id.
 */
export class ProviderRegistry {
  private readonly config: CodetetherConfig;
  private readonly secrets: SecretStore;
  private readonly options: ProviderRegistryOptions;
  private readonly built = new Map<string, Promise<Provider>>();

  constructor(config: CodetetherConfig, secrets: SecretStore, options: ProviderRegistryOptions = {}) {
    this.config = config;
    this.secrets = secrets;
    this.options = options;
  }

  /** `default_model` from the config, else moonshotai/kimi-k2.5. */
  get defaultModel(): string {
    return this.config.default_model ?? DEFAULT_MODEL;
  }

  /** Built-in provider ids, then those only the config defines. */
  providerIds(): string[] {
    const ids = KNOWN_PROVIDERS.map((p) => p.id);
    for (const id of Object.keys(this.config.providers ?? {})) if (!ids.includes(id)) ids.push(id);
    return ids;
  }

  /** Resolves a ref (a bare model uses the default model's provider); builds the provider on first use. */
  async resolve(ref: string = this.defaultModel): Promise<ResolvedModel> {
    // A bare default_model ("kimi-k2.5") belongs to the built-in default provider.
    const defaultProvider = this.parseRef(this.defaultModel, parseModelRef(DEFAULT_MODEL).provider).provider;
    const { provider: providerId, model } = this.parseRef(ref, defaultProvider);
    const provider = await this.provider(providerId);
    return { provider, model, info: this.modelInfo(providerId, model) };
  }

  /** The provider for an id, built with its key on first use. */
  provider(id: string): Promise<Provider> {
    let built = this.built.get(id);
    if (!built) {
      built = this.build(id);
      this.built.set(id, built);
      // A failed build (no key yet) must not stick: the user may log in and retry.
      built.catch(() => this.built.delete(id));
    }
    return built;
  }

  /** Catalog models plus those named in config, for one provider or all; needs no key or network. */
  catalog(providerId?: string): CatalogModelInfo[] {
    return listCatalogModels(this.config, providerId);
  }

  /**
   * core's parseModelRef, except that a colon only names a provider that exists: `qwen3:8b` is an
   * Ollama model of the default provider, not model `8b` of a provider `qwen3`.
   */
  private parseRef(ref: string, defaultProvider: string): ModelRef {
    const trimmed = ref.trim();
    const colon = trimmed.indexOf(":");
    if (!trimmed.includes("/") && colon > 0 && !this.providerIds().includes(trimmed.slice(0, colon))) {
      return { provider: defaultProvider, model: trimmed };
    }
    return parseModelRef(ref, defaultProvider);
  }

  private modelInfo(providerId: string, model: string): CatalogModelInfo {
    return getModelInfo(`${providerId}/${model}`);
  }

  private async build(id: string): Promise<Provider> {
    const known = knownProvider(id);
    const settings: ProviderConfig | undefined = this.config.providers?.[id];
    if (!known && !settings) throw new UnknownProviderError(id, this.providerIds());
    const type = settings?.type ?? known?.type ?? "openai-compatible";
    const local = type === "openai-compatible" && isLoopbackUrl(settings?.base_url);
    // A local server needs no key, so an unreachable Vault must not stop it.
    const lookup: SecretLookup = await this.secrets.get(id).catch((error: unknown) => {
      if (local) return { found: false as const, tried: [] };
      throw error;
    });
    const secret = lookup.found ? lookup.secret : undefined;
    const baseUrl = settings?.base_url ?? secret?.baseUrl;
    const apiKey = secret?.apiKey;
    const keyless = type === "openai-compatible" && isLoopbackUrl(baseUrl ?? known?.baseUrl);
    if (!apiKey && !keyless) {
      // No key anywhere and Vault failed (denied, sealed, unreachable, malformed): that failure is the
      // likely cause, and its message names the address and path and says what to do.
      const vaultFailure = lookup.found ? undefined : lookup.errors?.find((e) => VaultError.isVaultError(e) && e.reason !== "not_found");
      if (vaultFailure) throw vaultFailure;
      const tried = lookup.found ? [] : [...lookup.tried];
      throw new MissingKeyError(id, tried, envVarsFor(id, this.config.providers).join(" or ") || undefined);
    }
    const headers = { ...secret?.headers, ...settings?.headers };
    return createProvider({
      id,
      type,
      ...(apiKey ? { apiKey } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...((settings?.organization ?? secret?.organization) ? { organization: settings?.organization ?? secret?.organization } : {}),
      ...(settings?.models ? { models: settings.models } : {}),
      ...(this.options.retry ? { retry: this.options.retry } : {}),
    });
  }
}
