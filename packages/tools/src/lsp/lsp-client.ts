import { spawn, type ChildProcess } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type ServerCapabilities,
} from "vscode-languageserver-protocol/node";
import { LspError } from "./lsp-error.js";
import type { LspServerSpec } from "./lsp-server-spec.js";

const LANGUAGE_IDS: Record<string, string> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "typescriptreact",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascriptreact",
  ".py": "python",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
  ".rb": "ruby",
  ".c": "c",
  ".h": "c",
  ".cpp": "cpp",
  ".cs": "csharp",
};

interface OpenDocument {
  version: number;
  mtimeMs: number;
  size: number;
}

interface DiagnosticsEntry {
  version: number;
  diagnostics: Diagnostic[];
  /** Bumped on every publish, so waiters can tell a fresh answer from an old one. */
  seq: number;
}

export interface LspClientOptions {
  requestTimeoutMs?: number;
  shutdownTimeoutMs?: number;
}

/** One running language server for one workspace root, spoken to over stdio JSON-RPC. */
export class LspClient {
  private connection?: ProtocolConnection;
  private process?: ChildProcess;
  private capabilities: ServerCapabilities = {};
  private readonly documents = new Map<string, OpenDocument>();
  private readonly diagnostics = new Map<string, DiagnosticsEntry>();
  private readonly waiters = new Set<() => void>();
  private stderr = "";
  private exited = false;
  /** The initialize handshake finished: the server can be asked to shut down politely. */
  private initialized = false;
  private seq = 0;

  constructor(
    readonly spec: LspServerSpec,
    readonly root: string,
    private readonly options: LspClientOptions = {},
  ) {}

  get serverCapabilities(): ServerCapabilities {
    return this.capabilities;
  }

  get isRunning(): boolean {
    return this.connection !== undefined && !this.exited;
  }

  async start(): Promise<void> {
    const [command, ...args] = this.spec.command;
    if (!command) throw new LspError("lsp_start_failed", `The language server "${this.spec.id}" has an empty command.`, "Set command = [\"server\", \"--stdio\"] in [lsp.servers].");
    const child = spawn(command, args, {
      cwd: this.root,
      env: { ...process.env, ...this.spec.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.process = child;
    const spawnFailed = new Promise<never>((_, reject) =>
      child.once("error", (error) =>
        reject(
          new LspError(
            "lsp_start_failed",
            `Could not start the ${this.spec.id} language server (${command}): ${error.message}.`,
            "Install the server or fix its command in [lsp.servers].",
            error,
          ),
        ),
      ),
    );
    child.stderr?.on("data", (d: Buffer) => {
      if (this.stderr.length < 16 * 1024) this.stderr += d.toString("utf8");
    });
    // "close", not "exit": by then everything the server printed to stderr has been read.
    const exitedEarly = new Promise<never>((_, reject) =>
      child.once("close", (code, signal) =>
        reject(
          new LspError(
            "lsp_start_failed",
            `The ${this.spec.id} language server exited during start-up (${signal ?? `code ${code}`}).${this.stderr ? ` It said: ${this.stderr.trim().slice(-500)}` : ""}`,
            "Check the server's command and arguments in [lsp.servers]; it must speak LSP on stdio (often --stdio).",
          ),
        ),
      ),
    );
    exitedEarly.catch(() => {});
    child.on("exit", () => {
      this.exited = true;
      for (const wake of [...this.waiters]) wake();
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection = connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, { version: params.version ?? -1, diagnostics: params.diagnostics, seq: ++this.seq });
      for (const wake of [...this.waiters]) wake();
    });
    // Servers ask the client things; answer with "nothing configured" so they proceed with defaults.
    connection.onRequest("workspace/configuration", (params: { items?: unknown[] }) => (params.items ?? []).map(() => null));
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("client/registerCapability", () => null);
    connection.onRequest("client/unregisterCapability", () => null);
    connection.onRequest("workspace/workspaceFolders", () => [{ uri: pathToFileURL(this.root).href, name: "root" }]);
    connection.onUnhandledNotification(() => {});
    connection.listen();

    const rootUri = pathToFileURL(this.root).href;
    const init = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: "root" }],
      initializationOptions: this.spec.initializationOptions,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, symbol: {} },
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          // Without this capability servers publish no diagnostics at all.
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          definition: { linkSupport: true },
          references: {},
          completion: { completionItem: { snippetSupport: false, documentationFormat: ["markdown", "plaintext"] } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    let result;
    try {
      result = await this.withTimeout(Promise.race([init, spawnFailed, exitedEarly]), "initialize", 30_000);
    } catch (error) {
      // A server that did not start properly is not left running.
      if (!this.exited) child.kill("SIGKILL");
      if (error instanceof LspError) throw error;
      // Writing to a server that already quit fails (EPIPE) before its exit is reported; the exit
      // (with what it printed) says more, so wait a moment for it.
      const grace = new Promise<never>((_, reject) => setTimeout(() => reject(error), 2000).unref());
      await Promise.race([exitedEarly, spawnFailed, grace]);
      throw error;
    }
    this.capabilities = result.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    this.initialized = true;
  }

  /** Opens the file in the server, or sends its new text when it changed on disk since. */
  async sync(path: string): Promise<string> {
    const uri = pathToFileURL(path).href;
    const info = await stat(path);
    const open = this.documents.get(uri);
    if (open && open.mtimeMs === info.mtimeMs && open.size === info.size) return uri;
    const text = await readFile(path, "utf8");
    const connection = this.requireConnection();
    if (!open) {
      this.documents.set(uri, { version: 1, mtimeMs: info.mtimeMs, size: info.size });
      await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: LANGUAGE_IDS[extname(path).toLowerCase()] ?? "plaintext", version: 1, text },
      });
    } else {
      const version = open.version + 1;
      this.documents.set(uri, { version, mtimeMs: info.mtimeMs, size: info.size });
      this.diagnostics.delete(uri);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    }
    return uri;
  }

  async request<R>(method: string, params: unknown, timeoutMs = this.options.requestTimeoutMs ?? 20_000): Promise<R> {
    return this.withTimeout(this.requireConnection().sendRequest(method, params) as Promise<R>, method, timeoutMs);
  }

  /**
   * Waits (bounded) until the server has published diagnostics for the file once: servers answer
   * position questions from a half-loaded project before that (TypeScript resolves imports late).
   */
  async whenAnalyzed(uri: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.diagnostics.has(uri) && Date.now() < deadline && !this.exited) await this.nextPublish(deadline - Date.now());
  }

  /**
   * The diagnostics for a synced file: waits for the server's first publish for the current text,
   * then for it to settle (servers publish syntax and semantic results separately).
   */
  async waitForDiagnostics(uri: string, { timeoutMs = 30_000, settleMs = 400 } = {}): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    const current = () => this.diagnostics.get(uri);
    while (!current() && Date.now() < deadline && !this.exited) await this.nextPublish(deadline - Date.now());
    let last = current()?.seq;
    while (last !== undefined && Date.now() < deadline && !this.exited) {
      await this.nextPublish(Math.min(settleMs, deadline - Date.now()));
      const now = current()?.seq;
      if (now === last) break;
      last = now;
    }
    return current()?.diagnostics ?? [];
  }

  /** Asks the server to shut down and exit; kills it when it does not within the timeout. */
  async shutdown(): Promise<void> {
    const connection = this.connection;
    const child = this.process;
    if (!connection || !child) return;
    const timeoutMs = this.options.shutdownTimeoutMs ?? 3000;
    const exited = new Promise<void>((resolve) => (this.exited || child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
    // A server still starting cannot answer shutdown yet: stop it outright.
    if (!this.initialized && !this.exited) child.kill("SIGKILL");
    try {
      if (!this.exited && this.initialized) {
        await this.withTimeout(connection.sendRequest(ShutdownRequest.type), "shutdown", timeoutMs);
        await connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // A server that cannot shut down politely is killed below.
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
    connection.dispose();
    this.connection = undefined;
  }

  private nextPublish(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, ms));
      this.waiters.add(wake);
    });
  }

  private requireConnection(): ProtocolConnection {
    if (!this.connection || this.exited) {
      throw new LspError(
        "lsp_request_failed",
        `The ${this.spec.id} language server is not running.${this.stderr ? ` Its last output: ${this.stderr.slice(-500)}` : ""}`,
        "Try again; the server is restarted on the next call.",
      );
    }
    return this.connection;
  }

  private async withTimeout<T>(promise: Promise<T>, what: string, ms: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new LspError("lsp_request_failed", `The ${this.spec.id} language server did not answer ${what} within ${ms} ms.`, "The server may still be indexing; try again shortly.")),
            ms,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
