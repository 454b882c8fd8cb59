import type { CommandModule } from "yargs";

export interface RlmArgs {
  query?: string;
  file?: string[];
  content?: string;
  model?: string;
  maxIterations?: number;
  mode?: "text" | "tools";
  json?: boolean;
  verbose?: boolean;
}

export const rlmCommand: CommandModule<object, RlmArgs> = {
  // [query], not <query>: `-f` takes several values, so `rlm -f app.log "why?"` hands the question
  // to -f; runRlm takes it back from there.
  command: "rlm [query]",
  describe: "Answer a question about files or text far larger than a model's window (Recursive Language Model)",
  builder: (y) =>
    y
      .positional("query", { type: "string", describe: "The question to answer about the content" })
      .option("file", { alias: "f", type: "string", array: true, describe: "A file, directory or glob (quote it: 'logs/**/*.log'); repeatable" })
      .option("content", { type: "string", nargs: 1, describe: "The content itself, or - to read it from stdin" })
      .option("model", { alias: "m", type: "string", describe: "provider/model (default: [rlm] model, else default_model)" })
      .option("max-iterations", { type: "number", describe: "Root-model turns before a partial answer is returned (default: [rlm] max_iterations, else 12)" })
      .option("mode", { choices: ["text", "tools"] as const, describe: "Drive the REPL with code blocks (any model, default) or tool calls" })
      .option("json", { type: "boolean", describe: "Print the whole result (answer, stats, sub-queries, trace) as JSON" })
      .option("verbose", { type: "boolean", describe: "Show each REPL command on stderr as it runs" })
      .example("$0 rlm \"why did the deploy fail?\" -f 'logs/*.log'", "Explore log files")
      .example("kubectl logs api | $0 rlm \"which requests failed and why?\" --content -", "Explore piped text")
      .example('$0 rlm "where is the retry policy applied?" -f src --json', "A directory, JSON result"),
  handler: async (argv) => {
    const { runRlm } = await import("../rlm/run-rlm.js");
    await runRlm(argv, process.cwd());
  },
};
