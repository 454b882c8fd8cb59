import { extname, resolve } from "node:path";
import { LspClient, type LspClientOptions } from "./lsp-client.js";
import { LspError } from "./lsp-error.js";
import type { LspServerSpec } from "./lsp-server-spec.js";

const normalizeExt = (ext: string) => (ext.startsWith(".") ? ext : `.${ext}`).toLowerCase();

/**
 * The language servers of a tool set: started lazily on the first question about a file type,
 * one per workspace root and server, reused afterwards, and shut down together by `dispose`.
 */
export class LspManager {
  private readonly clients = new Map<string, Promise<LspClient>>();
  /** Every client not yet disposed, started or still starting. */
  private readonly all = new Set<LspClient>();

  constructor(
    private readonly specs: LspServerSpec[],
    private readonly options: LspClientOptions = {},
  ) {}

  specFor(path: string): LspServerSpec | undefined {
    const ext = extname(path).toLowerCase();
    // Later specs (from config) win over earlier ones (built in) for the same extension.
    return [...this.specs].reverse().find((s) => s.extensions.some((e) => normalizeExt(e) === ext));
  }

  async clientFor(root: string, path: string): Promise<LspClient> {
    const spec = this.specFor(path);
    if (!spec) {
      const known = [...new Set(this.specs.flatMap((s) => s.extensions.map(normalizeExt)))].join(", ");
      throw new LspError(
        "lsp_no_server",
        `No language server is configured for ${extname(path) || "files without an extension"}.`,
        `Built in: ${known}. Add one under [lsp.servers], e.g. pyright = { command = ["pyright-langserver", "--stdio"], extensions = [".py"] }.`,
      );
    }
    const key = `${resolve(root)}\0${spec.id}`;
    const existing = this.clients.get(key);
    if (existing) {
      const client = await existing.catch(() => undefined);
      if (client?.isRunning) return client;
      if (client) this.all.delete(client);
      this.clients.delete(key);
    }
    // Known before it has started, so dispose can stop a server that is still starting.
    const client = new LspClient(spec, resolve(root), this.options);
    this.all.add(client);
    const starting = client.start().then(() => client);
    this.clients.set(key, starting);
    starting.catch(() => {
      if (this.clients.get(key) === starting) this.clients.delete(key);
      this.all.delete(client);
    });
    return starting;
  }

  /** Number of servers started and not yet disposed. */
  get size(): number {
    return this.clients.size;
  }

  async dispose(): Promise<void> {
    const clients = [...this.all];
    this.all.clear();
    this.clients.clear();
    await Promise.all(clients.map((c) => c.shutdown()));
  }
}
