import { loadConfig, type CodetetherConfig } from "@codetether/core";
import { isLoopbackUrl, listCatalogModels, ProviderRegistry, type CatalogModelInfo } from "@codetether/providers";
import { createSecretStore } from "@codetether/secrets";
import { printErr, printJson, printOut } from "../cli/output.js";
import type { ModelsArgs } from "../commands/models-command.js";
import { formatModelsTable } from "./format-models-table.js";

export async function runModels(args: ModelsArgs, cwd: string): Promise<void> {
  const { config } = loadConfig({ cwd });
  let models = listCatalogModels(config, args.provider);
  if (args.provider !== undefined && isLocalHost(config, args.provider)) {
    models = [...models, ...(await servedModels(config, args.provider, models))];
  }
  if (args.json) {
    printJson(models.map((m) => ({ ref: `${m.provider}/${m.id}`, ...m })));
    return;
  }
  if (models.length === 0 && args.provider !== undefined) {
    // A configured host (Ollama, vLLM, …) has no catalog: its models are whatever the config names.
    printErr(`No models known for "${args.provider}": list them in the config, e.g. codetether config --set 'providers.${args.provider}.models=["<model>"]'.`);
    return;
  }
  printOut(formatModelsTable(models));
}

/** A configured OpenAI-compatible server on this machine (Ollama, llama.cpp, …): cheap to ask. */
function isLocalHost(config: CodetetherConfig, providerId: string): boolean {
  const settings = config.providers?.[providerId];
  return settings !== undefined && (settings.type ?? "openai-compatible") === "openai-compatible" && isLoopbackUrl(settings.base_url);
}

/**
 * The models the local server itself lists (its `/models`), beyond those already known. Only for
 * `--provider <local host>`, so that a plain `codetether models` never touches the network; a
 * server that is down just lists nothing more.
 */
async function servedModels(config: CodetetherConfig, providerId: string, known: CatalogModelInfo[]): Promise<CatalogModelInfo[]> {
  const store = createSecretStore({ config });
  try {
    const provider = await new ProviderRegistry(config, store).provider(providerId);
    const listed = await provider.listModels();
    return listed
      .filter((m) => !known.some((k) => k.id === m.id))
      .map((m) => ({ ...m, provider: providerId, known: (m as Partial<CatalogModelInfo>).known ?? false }));
  } catch {
    return [];
  } finally {
    store.close();
  }
}
