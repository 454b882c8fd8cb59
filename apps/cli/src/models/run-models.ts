import { loadConfig } from "@codetether/core";
import { listCatalogModels } from "@codetether/providers";
import { printJson, printOut } from "../cli/output.js";
import type { ModelsArgs } from "../commands/models-command.js";
import { formatModelsTable } from "./format-models-table.js";

export async function runModels(args: ModelsArgs, cwd: string): Promise<void> {
  const { config } = loadConfig({ cwd });
  const models = listCatalogModels(config, args.provider);
  if (args.json) {
    printJson(models.map((m) => ({ ref: `${m.provider}/${m.id}`, ...m })));
    return;
  }
  printOut(formatModelsTable(models));
}
