import type { CommandModule } from "yargs";
import { UsageError } from "../cli/usage-error.js";

export interface ModelsArgs {
  provider?: string;
  json?: boolean;
}

export const modelsCommand: CommandModule<object, ModelsArgs> = {
  command: "models",
  describe: "List known models: context window, max output, tools/vision/reasoning, prices",
  builder: (y) =>
    y
      .option("provider", { type: "string", describe: "Only this provider's models (e.g. moonshotai, openai, or a configured one)" })
      .option("json", { type: "boolean", describe: "Print JSON instead of a table" })
      .check((argv) => {
        if (argv.provider !== undefined && String(argv.provider).trim() === "") {
          throw new UsageError("--provider needs a provider id, e.g. --provider anthropic.");
        }
        return true;
      })
      .example("$0 models", "Every model of every provider")
      .example("$0 models --provider anthropic --json", "Anthropic's models as JSON"),
  handler: async (argv) => {
    const { runModels } = await import("../models/run-models.js");
    await runModels(argv, process.cwd());
  },
};
