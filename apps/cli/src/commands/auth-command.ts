import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../cli/usage-error.js";

export interface AuthLoginArgs {
  /** `[provider]` to yargs so that a missing one gets our message (needsProvider), not "Not enough non-option arguments". */
  provider: string;
  baseUrl?: string;
  organization?: string;
  device?: boolean;
}

export interface AuthListArgs {
  json?: boolean;
}

export interface AuthLogoutArgs {
  provider: string;
}

function needsProvider(sub: "login" | "logout") {
  return (argv: { provider?: unknown }) => {
    if (typeof argv.provider !== "string" || argv.provider.trim() === "") {
      throw new UsageError(`auth ${sub} needs a provider id, e.g. codetether auth ${sub} openai.`, "Run `codetether auth list` to see which providers have keys.");
    }
    return true;
  };
}

const login: CommandModule<object, AuthLoginArgs> = {
  command: "login [provider]",
  describe: "Save a provider's API key to the local key file (prompted, never echoed; or piped on stdin)",
  builder: (y) =>
    y
      .positional("provider", { type: "string", describe: "Provider id, e.g. openai, anthropic, moonshotai" })
      .check(needsProvider("login"))
      .option("base-url", { type: "string", describe: "Store a base URL with the key (for hosts with several endpoints)" })
      .option("organization", { type: "string", describe: "Store an organization id with the key (OpenAI)" })
      .option("device", { type: "boolean", describe: "github-copilot: use the GitHub device flow even when stdin is not a terminal" })
      .example("$0 auth login openai", "Prompt for the key with echo off")
      .example("printenv MY_KEY | $0 auth login deepseek", "Read the key from stdin")
      .example("$0 auth login github-copilot", "Sign in to GitHub with a device code") as unknown as Argv<AuthLoginArgs>,
  handler: async (argv) => {
    const { runAuthLogin } = await import("../auth/run-auth-login.js");
    await runAuthLogin(argv, process.cwd());
  },
};

const list: CommandModule<object, AuthListArgs> = {
  command: "list",
  describe: "Show which providers have keys and where each comes from (never the values)",
  builder: (y) => y.option("json", { type: "boolean", describe: "Print JSON" }),
  handler: async (argv) => {
    const { runAuthList } = await import("../auth/run-auth-list.js");
    await runAuthList(argv, process.cwd());
  },
};

const logout: CommandModule<object, AuthLogoutArgs> = {
  command: "logout [provider]",
  describe: "Remove a provider's key from the local key file",
  // The check guarantees the provider the type promises.
  builder: (y) => y.positional("provider", { type: "string", describe: "Provider id" }).check(needsProvider("logout")) as unknown as Argv<AuthLogoutArgs>,
  handler: async (argv) => {
    const { runAuthLogout } = await import("../auth/run-auth-logout.js");
    await runAuthLogout(argv, process.cwd());
  },
};

export const authCommand: CommandModule<object, object> = {
  command: "auth",
  describe: "Manage provider API keys: login <provider> | list | logout <provider>",
  builder: (y: Argv) =>
    y
      .command(login as never)
      .command(list as never)
      .command(logout as never)
      .demandCommand(1, "Give an auth command: login <provider>, list, or logout <provider>."),
  handler: () => undefined,
};
