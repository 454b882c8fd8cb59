import type { CommandModule } from "yargs";
import { UsageError } from "../cli/usage-error.js";

export interface ConfigArgs {
  /** key=value words yargs left over, e.g. from `--set --project a=b` (the array option stops at a flag). */
  assignments?: string[];
  show?: boolean;
  init?: boolean;
  set?: string[];
  force?: boolean;
  project?: boolean;
  json?: boolean;
}

export const configCommand: CommandModule<object, ConfigArgs> = {
  command: "config [assignments..]",
  describe: "Show, create or change the configuration",
  builder: (y) =>
    y
      .positional("assignments", { type: "string", array: true, describe: "More key=value pairs for --set" })
      .option("show", { type: "boolean", describe: "Print the merged configuration (secrets redacted) and where each part came from" })
      .option("init", { type: "boolean", describe: "Write a commented default config file" })
      .option("set", { type: "string", array: true, describe: "Set key=value (dotted keys, TOML values), e.g. default_model=openai/gpt-5" })
      .option("force", { type: "boolean", describe: "With --init: overwrite an existing file" })
      .option("project", { type: "boolean", describe: "With --init/--set: use ./.codetether/config.toml instead of the user file" })
      .option("json", { type: "boolean", describe: "With --show: print JSON" })
      .check((argv) => {
        const modes = [argv.show, argv.init, argv.set !== undefined].filter(Boolean).length;
        if (modes > 1) throw new UsageError("Use one of --show, --init or --set at a time.");
        return true;
      })
      .example("$0 config --init", "Create ~/.config/codetether-agent/config.toml")
      .example("$0 config --set default_model=anthropic/claude-sonnet-4-5", "Change the default model"),
  handler: async (argv) => {
    const extra = (argv.assignments ?? []).map(String);
    if (extra.length > 0) {
      if (argv.set === undefined) throw new UsageError(`Unexpected "${extra[0]}": to change a value, use --set ${extra[0]}.`);
      argv.set = [...argv.set, ...extra];
    }
    const { runConfig } = await import("../config/run-config.js");
    await runConfig(argv, process.cwd());
  },
};
