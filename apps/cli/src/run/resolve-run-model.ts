import { parseModelRef, DEFAULT_MODEL, CodetetherError, type CodetetherConfig } from "@codetether/core";
import { ProviderRegistry, type ResolvedModel } from "@codetether/providers";
import { createSecretStore, envVarsFor } from "@codetether/secrets";
import { NoProviderError } from "./no-provider-error.js";

/**
 * The provider and catalog entry for a model ref; a missing key becomes the first-run message that
 * explains every way to configure one. `context_window` / `max_output_tokens` in the provider's
 * config table win over the catalog: a local server's model is unknown to it, and its window is
 * what the loop budgets and compacts against.
 */
export async function resolveRunModel(config: CodetetherConfig, ref: string | undefined): Promise<ResolvedModel & { ref: string }> {
  const registry = new ProviderRegistry(config, createSecretStore({ config }));
  const wanted = ref ?? config.default_model ?? DEFAULT_MODEL;
  let resolved: ResolvedModel;
  try {
    resolved = await registry.resolve(wanted);
  } catch (error) {
    if (CodetetherError.isInstance(error) && error.code === "provider_key_missing") {
      const providerId = parseModelRef(wanted, parseModelRef(registry.defaultModel).provider).provider;
      const vars = envVarsFor(providerId, config.providers);
      const envVars = vars.length > 0 ? vars.join(" or ") : undefined;
      throw new NoProviderError(wanted, providerId, envVars, error);
    }
    throw error;
  }
  const settings = config.providers?.[resolved.info.provider];
  const info = { ...resolved.info };
  if (settings?.context_window) info.contextWindow = settings.context_window;
  if (settings?.max_output_tokens) info.maxOutputTokens = settings.max_output_tokens;
  return { ...resolved, info, ref: `${resolved.info.provider}/${resolved.model}` };
}
