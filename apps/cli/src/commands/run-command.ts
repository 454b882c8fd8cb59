import type { CommandModule } from "yargs";
import { UsageError } from "../cli/usage-error.js";

export interface RunArgs {
  prompt?: string[];
  model?: string;
  agent?: string;
  continue?: boolean;
  session?: string;
  tools?: boolean;
  maxSteps?: number;
  format?: "text" | "json" | "jsonl";
  yes?: boolean;
  file?: string[];
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: "run [prompt..]",
  describe: "Run the agent on a prompt in the current directory and print the answer",
  builder: (y) =>
    y
      .positional("prompt", { type: "string", array: true, describe: "What to do (read from stdin when absent and piped)" })
      .option("model", { alias: "m", type: "string", describe: "provider/model, e.g. openai/gpt-5 (default: the config's default_model)" })
      .option("agent", { alias: "a", type: "string", describe: "Agent to run: build (default), plan, explore, or a custom one" })
      .option("continue", { alias: "c", type: "boolean", describe: "Continue the latest session of this repository" })
      .option("session", { alias: "s", type: "string", describe: "Continue the session with this id (or unique prefix)" })
      .option("tools", { type: "boolean", default: true, describe: "Offer tools to the model (--no-tools: chat only)" })
      .option("max-steps", { type: "number", describe: "Stop after this many model calls" })
      .option("format", { choices: ["text", "json", "jsonl"] as const, default: "text" as const, describe: "Output: the answer, one JSON result, or the event stream as JSON lines" })
      .option("yes", { alias: "y", type: "boolean", describe: "Approve every permission `ask` (headless automation)" })
      .option("file", { alias: "f", type: "string", array: true, nargs: 1, describe: "Attach a file (text, image or PDF); repeatable" })
      .conflicts("continue", "session")
      .check((argv) => {
        const steps = argv["max-steps"];
        if (steps !== undefined && (!Number.isInteger(steps) || (steps as number) < 1)) {
          throw new UsageError(`--max-steps must be a positive whole number (got ${String(steps)}).`);
        }
        return true;
      })
      .example('$0 run "add a test for parseArgs"', "Do the work in the current repository")
      .example('$0 run -c "now update the README"', "Continue the latest session")
      .example('$0 run --format jsonl "fix the build" | jq .type', "Watch the event stream")
      .example('$0 run --no-tools -f diagram.png "explain this"', "Chat with an attachment"),
  handler: async (argv) => {
    const { runPrompt, hasEmittedDone } = await import("../run/run-prompt.js");
    try {
      process.exitCode = await runPrompt(argv, process.cwd());
    } catch (error) {
      // The jsonl contract: an `error` line, then `done` as the last line, even when the run
      // could not start (unknown provider, missing -f file, no prompt).
      if (argv.format === "jsonl" && !hasEmittedDone()) {
        const { CodetetherError } = await import("@codetether/core");
        const { printOut } = await import("../cli/output.js");
        const e = CodetetherError.isInstance(error)
          ? { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) }
          : { code: "internal", message: error instanceof Error ? error.message : String(error) };
        printOut(JSON.stringify({ type: "error", error: e }));
        printOut(JSON.stringify({ type: "done", reason: "error", steps: 0, text: "", usage: { inputTokens: 0, outputTokens: 0 } }));
      }
      throw error;
    }
  },
};
