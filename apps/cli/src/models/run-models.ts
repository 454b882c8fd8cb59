import { loadConfig } from "@codetether/core";
import { listCatalogModels } from "@codetether/providers";
import { printErr, printJson, printOut } from "../cli/output.js";
import type { ModelsArgs } from "../commands/models-command.js";
import { formatModelsTable } from "./format-models-table.js";

export async function runModels(args: ModelsArgs, cwd: string): Promise<void> {
  const { config } = loadConfig({ cwd });
  const models = listCatalogModels(config, args.provider);
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
