import type { Argv, CommandModule } from "yargs";

export interface SessionsListArgs {
  all?: boolean;
  json?: boolean;
}

export interface SessionsIdArgs {
  id: string;
  json?: boolean;
}

export interface SessionsForkArgs extends SessionsIdArgs {
  at?: number;
}

const list: CommandModule<object, SessionsListArgs> = {
  command: ["list", "ls"],
  describe: "List the sessions of this repository, newest first",
  builder: (y) =>
    y
      .option("all", { type: "boolean", describe: "Sessions of every repository" })
      .option("json", { type: "boolean", describe: "Print JSON" }),
  handler: async (argv) => {
    const { runSessionsList } = await import("../sessions/run-sessions.js");
    await runSessionsList(argv, process.cwd());
  },
};

const show: CommandModule<object, SessionsIdArgs> = {
  command: "show <id>",
  describe: "Print a session's details and conversation",
  builder: (y) =>
    y
      .positional("id", { type: "string", demandOption: true, describe: "Session id or unique prefix" })
      .option("json", { type: "boolean", describe: "Print JSON (info, messages, events)" }),
  handler: async (argv) => {
    const { runSessionsShow } = await import("../sessions/run-sessions.js");
    await runSessionsShow(argv, process.cwd());
  },
};

const del: CommandModule<object, SessionsIdArgs> = {
  command: ["delete <id>", "rm <id>"],
  describe: "Delete a session",
  builder: (y) =>
    y
      .positional("id", { type: "string", demandOption: true, describe: "Session id or unique prefix" })
      .option("json", { type: "boolean", describe: "Print JSON" }),
  handler: async (argv) => {
    const { runSessionsDelete } = await import("../sessions/run-sessions.js");
    await runSessionsDelete(argv, process.cwd());
  },
};

const fork: CommandModule<object, SessionsForkArgs> = {
  command: "fork <id>",
  describe: "Copy a session (up to message --at) into a new one to take it another way",
  builder: (y) =>
    y
      .positional("id", { type: "string", demandOption: true, describe: "Session id or unique prefix" })
      .option("at", { type: "number", describe: "Keep the messages before this number (default: all)" })
      .option("json", { type: "boolean", describe: "Print JSON" }),
  handler: async (argv) => {
    const { runSessionsFork } = await import("../sessions/run-sessions.js");
    await runSessionsFork(argv, process.cwd());
  },
};

export const sessionsCommand: CommandModule<object, object> = {
  command: "sessions",
  describe: "Manage saved sessions: list | show <id> | delete <id> | fork <id>",
  builder: (y: Argv) =>
    y
      .command(list as never)
      .command(show as never)
      .command(del as never)
      .command(fork as never)
      .demandCommand(1, "Give a sessions command: list, show <id>, delete <id> or fork <id>."),
  handler: () => undefined,
};
