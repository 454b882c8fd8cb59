import { rmSync } from "node:fs";
import { SessionStore, type SessionInfo } from "@codetether/agent-loop";
import { dataDir, loadConfig } from "@codetether/core";
import type { SessionsForkArgs, SessionsIdArgs, SessionsListArgs } from "../commands/sessions-command.js";
import { printJson, printOut } from "../cli/output.js";
import { formatSessionTable, formatTodos, formatTranscript } from "./format-sessions.js";

function storeFor(cwd: string): SessionStore {
  const { config } = loadConfig({ cwd });
  return new SessionStore({ cwd, dataDir: config.session?.dir ?? dataDir() });
}

export async function runSessionsList(args: SessionsListArgs, cwd: string): Promise<void> {
  const store = storeFor(cwd);
  const sessions = await store.list({ all: args.all === true });
  if (args.json) return printJson(sessions);
  if (sessions.length === 0) {
    printOut(args.all ? "No sessions yet." : `No sessions for ${store.root} yet (add --all for every repository).`);
    return;
  }
  printOut(formatSessionTable(sessions, args.all === true));
}

/** The session's todo list, kept by the todo tools beside the sessions. */
async function todoStore() {
  const { TodoStore } = await import("@codetether/tools");
  return new TodoStore(dataDir());
}

export async function runSessionsShow(args: SessionsIdArgs, cwd: string): Promise<void> {
  const loaded = await storeFor(cwd).load(args.id);
  const todos = await (await todoStore()).read(loaded.info.id).catch(() => []);
  if (args.json) return printJson({ info: loaded.info, messages: loaded.messages, events: loaded.events, todos });
  printOut(describeInfo(loaded.info));
  if (todos.length > 0) printOut(`Todos\n${formatTodos(todos)}`);
  printOut("");
  printOut(formatTranscript(loaded.messages));
}

export async function runSessionsDelete(args: SessionsIdArgs, cwd: string): Promise<void> {
  const info = await storeFor(cwd).delete(args.id);
  rmSync((await todoStore()).pathFor(info.id), { force: true });
  if (args.json) return printJson({ deleted: info.id, title: info.title });
  printOut(`Deleted session ${info.id}${info.title ? ` (${info.title})` : ""}.`);
}

export async function runSessionsFork(args: SessionsForkArgs, cwd: string): Promise<void> {
  const info = await storeFor(cwd).fork(args.id, args.at);
  if (args.json) return printJson(info);
  printOut(`Forked ${info.parentId} into ${info.id} (${info.messages} messages). Continue it with: codetether run -s ${info.id} "..."`);
}

function describeInfo(info: SessionInfo): string {
  const lines = [
    `Session  ${info.id}`,
    `Title    ${info.title}`,
    `Dir      ${info.directory}${info.branch ? ` (branch ${info.branch})` : ""}`,
    `Model    ${info.model ?? "-"}${info.agent ? `  agent ${info.agent}` : ""}`,
    `Created  ${new Date(info.created).toISOString()}   updated ${new Date(info.updated).toISOString()}`,
    `Usage    ${info.messages} messages, ${info.tokens.input} input + ${info.tokens.output} output tokens${info.cost !== undefined ? `, $${info.cost.toFixed(4)}` : ""}`,
  ];
  if (info.parentId) lines.push(`Forked   from ${info.parentId} at message ${info.forkedAt}`);
  return lines.join("\n");
}
