import type { CodetetherConfig } from "@codetether/core";
import { UnknownProviderError } from "../errors/unknown-provider-error.js";
import { KNOWN_PROVIDERS, knownProvider } from "../registry/known-providers.js";
import { catalogModels } from "./catalog-models.js";
import { getModelInfo, type CatalogModelInfo } from "./get-model-info.js";

/**
 * The catalog as a user's config sees it: every built-in provider's models plus the `models` named
 * under `[providers.<id>]` (unknown ones with default facts). Needs no key and no network.
 */
export function listCatalogModels(config: CodetetherConfig, providerId?: string): CatalogModelInfo[] {
  const configured = Object.keys(config.providers ?? {});
  const all = [...KNOWN_PROVIDERS.map((p) => p.id), ...configured.filter((id) => !knownProvider(id))];
  if (providerId !== undefined && !all.includes(providerId)) throw new UnknownProviderError(providerId, all);
  return (providerId !== undefined ? [providerId] : all).flatMap((id) => {
    const models: CatalogModelInfo[] = catalogModels(id).map((m) => ({ ...m, known: true }));
    for (const model of config.providers?.[id]?.models ?? []) {
      if (!models.some((m) => m.id === model)) models.push(getModelInfo(`${id}/${model}`));
    }
    return models;
  });
}
