import type { ModelInfo } from "@codetether/core";
import { MODEL_CATALOG } from "./model-catalog.js";

/** The catalog's models for one provider (copies, safe to change). */
export function catalogModels(providerId: string): ModelInfo[] {
  return MODEL_CATALOG.filter((m) => m.provider === providerId).map((m) => ({ ...m }));
}
