import { DEFAULT_MODEL, parseModelRef, type ModelInfo } from "@codetether/core";
import { MODEL_CATALOG } from "./model-catalog.js";

/** Catalog facts about a model; `known: false` marks a conservative default for a model not in the catalog. */
export interface CatalogModelInfo extends ModelInfo {
  known: boolean;
}

const DEFAULT_PROVIDER = DEFAULT_MODEL.slice(0, DEFAULT_MODEL.indexOf("/"));

/** Suffixes that name a snapshot of a catalog model (`gpt-4o-2024-08-06`, `claude-sonnet-4-5-20250929`). */
const SNAPSHOT = /^-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|latest)$/;

/**
 * Looks a `provider/model` ref up in the catalog (dated snapshots match their model). A bare model
 * id is looked up under the default provider, then under any provider.
 */
export function getModelInfo(ref: string): CatalogModelInfo {
  const trimmed = ref.trim();
  const bare = !trimmed.includes("/") && !trimmed.includes(":");
  const { provider, model } = parseModelRef(trimmed, DEFAULT_PROVIDER);
  const found = find(provider, model) ?? (bare ? MODEL_CATALOG.find((m) => m.id === model) : undefined);
  if (found) return { ...found, known: true };
  return {
    id: model,
    provider,
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    supportsTools: true,
    supportsVision: false,
    supportsReasoning: false,
    known: false,
  };
}

function find(provider: string, model: string): ModelInfo | undefined {
  const candidates = MODEL_CATALOG.filter((m) => m.provider === provider);
  const exact = candidates.find((m) => m.id === model);
  if (exact) return { ...exact };
  const snapshot = candidates
    .filter((m) => model.startsWith(m.id) && SNAPSHOT.test(model.slice(m.id.length)))
    .sort((a, b) => b.id.length - a.id.length)[0];
  return snapshot ? { ...snapshot, id: model } : undefined;
}
