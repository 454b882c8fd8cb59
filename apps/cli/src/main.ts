import { CodetetherError } from "@codetether/core";
import yargs from "yargs";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./cli/exit-codes.js";
import { redact } from "@codetether/secrets";
import { printErr, printError, setOutputMask } from "./cli/output.js";
import { UsageError } from "./cli/usage-error.js";
import { VERSION } from "./cli/version.js";
import { commands } from "./commands/index.js";

/** Parses `args`, runs the command, and returns the exit code (the process is never exited here). */
export async function main(args: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  // Any key a secret store hands out during this run is masked in everything the CLI prints.
  setOutputMask(redact);
  const parser = yargs(args)
    .scriptName("codetether")
    .usage("$0 <command> [options]\n\nCodeTether: an AI coding agent for your terminal, your build machines and your scripts.")
    .version(VERSION)
    .alias("v", "version")
    .help()
    .alias("h", "help")
    .strict()
    .recommendCommands()
    .demandCommand(1, "Give a command.")
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      // yargs raises its own parse failures (a flag missing its value, …) as a YError: still a usage error.
      if (error && error.name !== "YError") throw error;
      throw explainUsage(message ?? error?.message ?? "Invalid command line.", args);
    });
  for (const command of commands) parser.command(command as never);
  try {
    await parser.parseAsync();
    if (typeof process.exitCode === "number" && process.exitCode !== 0) exitCode = process.exitCode;
  } catch (error) {
    if (error instanceof UsageError || (CodetetherError.isInstance(error) && error.code === "usage")) {
      printErr(`error: ${error.message}`);
      if (error.hint) printErr(error.hint);
      return EXIT_USAGE;
    }
    printError(error);
    return CodetetherError.isInstance(error) && typeof (error as { exitCode?: unknown }).exitCode === "number"
      ? ((error as unknown as { exitCode: number }).exitCode)
      : EXIT_FAILURE;
  }
  return exitCode;
}

const commandNames = () => new Set(commands.flatMap((c) => [String(c.command).split(" ")[0], ...[c.aliases ?? []].flat()]));

/**
 * yargs calls an unknown command an "argument", or only suggests another ("Did you mean run?")
 * without naming what was typed; say what was wrong and where to look.
 */
function explainUsage(message: string, args: string[]): UsageError {
  const positionals = args.filter((a) => !a.startsWith("-"));
  const [first, second] = positionals;
  const suggestion = message.match(/^Did you mean (.+)\?$/)?.[1];
  const names = commandNames();
  const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : "";
  const unknownArgs = message.match(/^Unknown arguments?: (.+)$/)?.[1]?.split(", ") ?? [];
  if (first !== undefined && !names.has(first) && (suggestion || unknownArgs.includes(first))) {
    const list = [...names].filter(Boolean).sort().join(", ");
    return new UsageError(`Unknown command "${first}".${didYouMean} Commands: ${list}.`);
  }
  if (first !== undefined && second !== undefined && names.has(first) && (suggestion || unknownArgs.includes(second))) {
    return new UsageError(`Unknown ${first} command "${second}".${didYouMean}`, `Run \`codetether ${first} --help\` for its commands.`);
  }
  if (/^Not enough non-option arguments/.test(message)) {
    const path = positionals.filter((p) => /^[a-z][a-z-]*$/.test(p)).slice(0, 2).join(" ");
    return new UsageError(`Missing a required argument for "codetether ${path}".`, `Run \`codetether ${path} --help\` for its usage.`);
  }
  // yargs reports `--no-x` as `x` and adds camelCase twins of kebab-case names: map back to what was typed.
  const typed = (name: string) => {
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return args.find((a) => {
      const bare = a.replace(/^-+/, "").split("=")[0];
      return a.startsWith("-") && (bare === name || bare === kebab || bare === `no-${kebab}`);
    });
  };
  const flags = [...new Set(unknownArgs.map(typed))];
  if (unknownArgs.length > 0 && flags.every((f) => f !== undefined)) {
    const where = first !== undefined && names.has(first) ? `codetether ${first} --help` : "codetether --help";
    return new UsageError(
      `Unknown option${flags.length > 1 ? "s" : ""}: ${flags.map((f) => (f as string).split("=")[0]).join(", ")}.`,
      `Run \`${where}\` for the options.`,
    );
  }
  return new UsageError(message);
}
