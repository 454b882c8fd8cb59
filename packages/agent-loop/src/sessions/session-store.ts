import { createHash, randomBytes } from "node:crypto";
import { redactValue } from "@codetether/secrets";
import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, rmSync, mkdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import {
  dataDir as defaultDataDir,
  findGitRoot,
  gitBranch,
  messageText,
  toolCallsOf,
  writeFileAtomic,
  type Message,
  type Usage,
} from "@codetether/core";
import type { AgentEvent } from "../events/agent-event.js";
import { AmbiguousSessionIdError } from "../errors/ambiguous-session-id-error.js";
import { InvalidForkPointError } from "../errors/invalid-fork-point-error.js";
import { SessionNotFoundError } from "../errors/session-not-found-error.js";
import { SessionStorageError } from "../errors/session-storage-error.js";
import type { LoadedSession, SessionInfo, SessionLine } from "./session-info.js";

export interface SessionStoreOptions {
  /** Where per-user state lives; default core's `dataDir()` (`CODETETHER_DATA_DIR` wins). */
  dataDir?: string;
  /** The workspace; sessions are grouped by its git root. Default `process.cwd()`. */
  cwd?: string;
}

export interface CreateSessionOptions {
  model?: string;
  agent?: string;
  title?: string;
}

const UNTITLED = "New session";

/** Events not worth a line each: the messages they build are recorded whole. */
const UNRECORDED = new Set<AgentEvent["type"]>(["text_delta", "reasoning_delta", "tool_output", "message"]);

/**
 * Sessions on disk: one append-only JSONL file per session under
 * `<dataDir>/sessions/<repo>-<hash>/`, grouped by the git root of the workspace, plus an index per
 * repository rewritten atomically. Every line is appended whole with a single write, so a crash
 * or `kill -9` loses at most the line being written, and loading ignores a torn last line. The
 * files are the truth: sessions missing from an index (a crash between append and index write)
 * are rebuilt from their files when listing.
 */
export class SessionStore {
  readonly root: string;
  readonly sessionsDir: string;
  readonly projectDir: string;
  private readonly directory: string;
  private indexWrites: Promise<void> = Promise.resolve();
  private readonly checkedTails = new Set<string>();
  private readonly counts = new Map<string, number>();

  constructor(options: SessionStoreOptions = {}) {
    this.directory = resolve(options.cwd ?? process.cwd());
    this.root = findGitRoot(this.directory) ?? this.directory;
    this.sessionsDir = join(options.dataDir ?? defaultDataDir(), "sessions");
    this.projectDir = join(this.sessionsDir, projectKey(this.root));
  }

  async create(options: CreateSessionOptions = {}): Promise<SessionInfo> {
    const now = Date.now();
    const branch = gitBranch(this.root);
    const info: SessionInfo = {
      id: newSessionId(now),
      title: options.title ?? UNTITLED,
      directory: this.directory,
      root: this.root,
      ...(branch ? { branch } : {}),
      ...(options.model ? { model: options.model } : {}),
      ...(options.agent ? { agent: options.agent } : {}),
      created: now,
      updated: now,
      messages: 0,
      tokens: { input: 0, output: 0 },
    };
    makeDir(this.projectDir);
    this.writeLine(this.fileOf(this.projectDir, info.id), { kind: "session", info });
    this.counts.set(info.id, 0);
    await this.updateIndex(this.projectDir, info.id, () => info);
    return info;
  }

  /** Appends a message; returns its number in the session. */
  async appendMessage(id: string, message: Message): Promise<number> {
    const n = this.appendMessageSync(id, message);
    await this.touchIndex(id, (info) => afterMessage(info, n, message));
    return n;
  }

  async appendEvent(id: string, event: AgentEvent): Promise<void> {
    this.writeLine(this.locate(id), { kind: "event", time: Date.now(), event });
    if (event.type === "usage") await this.touchIndex(id, (info) => addUsageToInfo(info, event.usage, event.cost));
  }

  /** Records the conversation after a compaction, so continuing starts from it. */
  async appendContext(id: string, messages: Message[]): Promise<void> {
    this.writeLine(this.locate(id), { kind: "context", time: Date.now(), messages });
  }

  /** Records an "always allow" answer, so continuing the session does not ask again. Synchronous: it is one line. */
  appendGrant(id: string, permission: string, pattern: string): void {
    this.writeLine(this.locate(id), { kind: "grant", time: Date.now(), permission, pattern });
  }

  async setTitle(id: string, title: string): Promise<void> {
    this.writeLine(this.locate(id), { kind: "title", time: Date.now(), title });
    await this.touchIndex(id, (info) => ({ ...info, title }));
  }

  /**
   * A sink for a run's events: messages, context snapshots and every non-delta event go to the file
   * as they happen (synchronously, so nothing queues in memory when the process dies). `flush()`
   * waits for the index writes.
   */
  recorder(id: string): { onEvent: (event: AgentEvent) => void; onContext: (messages: Message[]) => void; flush: () => Promise<void> } {
    const file = this.locate(id);
    return {
      onEvent: (event) => {
        if (event.type === "message") {
          const n = this.appendMessageSync(id, event.message);
          void this.touchIndex(id, (info) => afterMessage(info, n, event.message)).catch(() => undefined);
          return;
        }
        if (UNRECORDED.has(event.type)) return;
        this.writeLine(file, { kind: "event", time: Date.now(), event });
        if (event.type === "usage") void this.touchIndex(id, (info) => addUsageToInfo(info, event.usage, event.cost)).catch(() => undefined);
      },
      onContext: (messages) => this.writeLine(file, { kind: "context", time: Date.now(), messages }),
      flush: () => this.indexWrites,
    };
  }

  async load(idOrPrefix: string): Promise<LoadedSession> {
    const file = this.locate(await this.resolveId(idOrPrefix));
    const loaded = parseSessionFile(file);
    if (!loaded) throw new SessionNotFoundError(idOrPrefix, "(its file has no header)");
    return loaded;
  }

  /** Sessions of this repository (or of every repository with `all`), most recently updated first. */
  async list(options: { all?: boolean } = {}): Promise<SessionInfo[]> {
    const dirs = options.all ? this.projectDirs() : [this.projectDir];
    const out: SessionInfo[] = [];
    for (const dir of dirs) out.push(...this.listDir(dir));
    return out.sort((a, b) => b.updated - a.updated || b.created - a.created);
  }

  /** The most recently updated session of this repository. */
  async latest(): Promise<SessionInfo | undefined> {
    return (await this.list())[0];
  }

  /** Resolves a full id or a unique prefix, looking in this repository first, then in all. */
  async resolveId(idOrPrefix: string): Promise<string> {
    const wanted = idOrPrefix.trim();
    if (!wanted) throw new SessionNotFoundError(idOrPrefix, "(an empty id matches nothing)");
    if (this.findFile(wanted)) return wanted;
    for (const all of [false, true]) {
      const ids = (await this.list({ all })).map((s) => s.id).filter((id) => id.startsWith(wanted));
      const unique = [...new Set(ids)];
      if (unique.length === 1) return unique[0] as string;
      if (unique.length > 1) throw new AmbiguousSessionIdError(wanted, unique);
    }
    throw new SessionNotFoundError(idOrPrefix, "in this repository or any other");
  }

  async info(idOrPrefix: string): Promise<SessionInfo> {
    return (await this.load(idOrPrefix)).info;
  }

  /**
   * A new session holding the first `keep` messages of another (default: all). A cut that would
   * separate tool calls from their results is moved forward to include the results.
   */
  async fork(idOrPrefix: string, keep?: number): Promise<SessionInfo> {
    const source = await this.load(idOrPrefix);
    const count = source.messages.length;
    let at = keep ?? count;
    if (!Number.isInteger(at) || at < 0 || at > count) throw new InvalidForkPointError(source.info.id, at, count);
    while (at > 0 && at < count && source.messages[at]?.role === "tool") at++;
    const last = source.messages[at - 1];
    if (last && last.role === "assistant" && toolCallsOf(last).length > 0 && source.messages[at]?.role === "tool") at++;
    const now = Date.now();
    const info: SessionInfo = {
      ...source.info,
      id: newSessionId(now),
      title: `${source.info.title} (fork)`,
      created: now,
      updated: now,
      messages: at,
      tokens: { input: 0, output: 0 },
      parentId: source.info.id,
      forkedAt: at,
    };
    delete info.cost;
    const dir = join(this.sessionsDir, projectKey(info.root));
    makeDir(dir);
    const file = this.fileOf(dir, info.id);
    this.writeLine(file, { kind: "session", info });
    source.messages.slice(0, at).forEach((message, n) => this.writeLine(file, { kind: "message", n, time: now, message }));
    this.counts.set(info.id, at);
    await this.updateIndex(dir, info.id, () => info);
    return info;
  }

  async delete(idOrPrefix: string): Promise<SessionInfo> {
    const id = await this.resolveId(idOrPrefix);
    const file = this.locate(id);
    const info = parseSessionFile(file)?.info;
    const dir = resolve(file, "..");
    rmSync(file, { force: true });
    await this.updateIndex(dir, id, () => undefined);
    return info ?? ({ id } as SessionInfo);
  }

  // ---- internals ----

  private appendMessageSync(id: string, message: Message): number {
    const file = this.locate(id);
    const n = this.counts.get(id) ?? countMessages(file);
    this.writeLine(file, { kind: "message", n, time: Date.now(), message });
    this.counts.set(id, n + 1);
    return n;
  }

  private writeLine(file: string, line: SessionLine): void {
    try {
      if (!this.checkedTails.has(file)) {
        // After a crash the file may end in a torn line; start ours on a fresh line so it stays whole.
        if (existsSync(file) && !endsWithNewline(file)) appendFileSync(file, "\n");
        this.checkedTails.add(file);
      }
      // Safety net: no handed-out key is ever written to disk, whichever way it entered the conversation.
      appendFileSync(file, `${JSON.stringify(redactValue(line))}\n`, { mode: 0o600 });
    } catch (error) {
      throw new SessionStorageError(file, error);
    }
  }

  private fileOf(dir: string, id: string): string {
    return join(dir, `${id}.jsonl`);
  }

  private findFile(id: string): string | undefined {
    if (!/^[\w-]+$/.test(id)) return undefined;
    const own = this.fileOf(this.projectDir, id);
    if (existsSync(own)) return own;
    for (const dir of this.projectDirs()) {
      const file = this.fileOf(dir, id);
      if (existsSync(file)) return file;
    }
    return undefined;
  }

  private locate(id: string): string {
    const file = this.findFile(id);
    if (!file) throw new SessionNotFoundError(id, "on disk");
    return file;
  }

  private projectDirs(): string[] {
    if (!existsSync(this.sessionsDir)) return [];
    return readdirSync(this.sessionsDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(this.sessionsDir, e.name));
  }

  private listDir(dir: string): SessionInfo[] {
    if (!existsSync(dir)) return [];
    const index = readIndex(dir);
    const out: SessionInfo[] = [];
    for (const entry of readdirSync(dir)) {
      if (!entry.endsWith(".jsonl")) continue;
      const id = entry.slice(0, -".jsonl".length);
      const known = index.get(id);
      if (known) out.push(known);
      else {
        const rebuilt = parseSessionFile(join(dir, entry))?.info;
        if (rebuilt) out.push(rebuilt);
      }
    }
    return out;
  }

  private touchIndex(id: string, change: (info: SessionInfo) => SessionInfo): Promise<void> {
    const file = this.findFile(id);
    if (!file) return Promise.resolve();
    const dir = resolve(file, "..");
    return this.updateIndex(dir, id, (info) => {
      const base = info ?? parseSessionFile(file)?.info;
      return base ? { ...change(base), updated: Date.now() } : undefined;
    });
  }

  /** Read-modify-write of one index entry, serialised within this process and written atomically. */
  private updateIndex(dir: string, id: string, change: (info: SessionInfo | undefined) => SessionInfo | undefined): Promise<void> {
    const run = async () => {
      const index = readIndex(dir);
      const next = change(index.get(id));
      if (next) index.set(id, next);
      else index.delete(id);
      const sessions = [...index.values()].sort((a, b) => b.updated - a.updated);
      await writeFileAtomic(join(dir, "index.json"), `${JSON.stringify({ version: 1, sessions }, null, 1)}\n`, { fsync: false });
    };
    const next = this.indexWrites.then(run, run);
    this.indexWrites = next.catch(() => undefined);
    return next;
  }
}

function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new SessionStorageError(dir, error);
  }
}

function readIndex(dir: string): Map<string, SessionInfo> {
  const map = new Map<string, SessionInfo>();
  try {
    const parsed = JSON.parse(readFileSync(join(dir, "index.json"), "utf8")) as { sessions?: SessionInfo[] };
    for (const s of parsed.sessions ?? []) if (s && typeof s.id === "string") map.set(s.id, s);
  } catch {
    // A missing or unreadable index is rebuilt from the session files.
  }
  return map;
}

/**
 * The index entry after message `n` was appended: an untitled session takes the first line of its
 * first user message until a generated title replaces it, so `list` shows what `show` shows.
 */
function afterMessage(info: SessionInfo, n: number, message: Message): SessionInfo {
  const out: SessionInfo = { ...info, messages: n + 1 };
  if (info.title === UNTITLED && message.role === "user") out.title = firstLine(messageText(message));
  return out;
}

function addUsageToInfo(info: SessionInfo, usage: Usage, cost: number | undefined): SessionInfo {
  const out: SessionInfo = {
    ...info,
    tokens: { input: info.tokens.input + usage.inputTokens, output: info.tokens.output + usage.outputTokens },
  };
  if (cost !== undefined) out.cost = (info.cost ?? 0) + cost;
  return out;
}

/** Parses a session file; undefined when it has no header. Unparseable lines (a torn tail) are skipped. */
export function parseSessionFile(file: string): LoadedSession | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let info: SessionInfo | undefined;
  const messages: Message[] = [];
  let context: Message[] = [];
  const events: LoadedSession["events"] = [];
  const grants: LoadedSession["grants"] = [];
  let skippedLines = 0;
  let lastUpdate = 0;
  let input = 0;
  let output = 0;
  let cost: number | undefined;
  for (const raw of text.split("\n")) {
    if (!raw.trim()) continue;
    let line: SessionLine;
    try {
      line = JSON.parse(raw) as SessionLine;
    } catch {
      skippedLines++;
      continue;
    }
    switch (line.kind) {
      case "session":
        info = line.info;
        lastUpdate = info.updated;
        break;
      case "message":
        messages.push(line.message);
        context.push(line.message);
        lastUpdate = line.time;
        break;
      case "context":
        context = [...line.messages];
        break;
      case "title":
        if (info) info = { ...info, title: line.title };
        break;
      case "grant":
        grants.push({ permission: line.permission, pattern: line.pattern });
        break;
      case "event":
        events.push({ time: line.time, event: line.event });
        lastUpdate = Math.max(lastUpdate, line.time);
        if (line.event.type === "usage") {
          input += line.event.usage.inputTokens;
          output += line.event.usage.outputTokens;
          if (line.event.cost !== undefined) cost = (cost ?? 0) + line.event.cost;
        }
        break;
      default:
        skippedLines++;
    }
  }
  if (!info) return undefined;
  const full: SessionInfo = {
    ...info,
    messages: messages.length,
    updated: Math.max(info.updated, lastUpdate),
    tokens: { input: info.tokens.input + input, output: info.tokens.output + output },
  };
  if (cost !== undefined) full.cost = (info.cost ?? 0) + cost;
  if (full.title === UNTITLED) {
    const first = messages.find((m) => m.role === "user");
    if (first) full.title = firstLine(messageText(first));
  }
  return { info: full, messages, context, events, grants, skippedLines };
}

function countMessages(file: string): number {
  return parseSessionFile(file)?.messages.length ?? 0;
}

function endsWithNewline(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const buf = Buffer.alloc(1);
    readSync(fd, buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

function firstLine(text: string): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || "New session";
}

/** A readable, collision-free directory name for a repository root. */
export function projectKey(root: string): string {
  const name = basename(root).replace(/[^\w.-]+/g, "_").slice(0, 40) || "root";
  return `${name}-${createHash("sha256").update(root).digest("hex").slice(0, 10)}`;
}

/** Time-ordered, so ids sort by creation; random tail so two processes never collide. */
function newSessionId(now: number): string {
  return `ses_${now.toString(36)}${randomBytes(5).toString("hex")}`;
}
