import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** How to start one language server and which files it serves. */
export interface LspServerSpec {
  id: string;
  /** Executable and arguments; the server must speak LSP over stdio. */
  command: string[];
  /** File extensions it handles, with or without the dot (`.py` or `py`). */
  extensions: string[];
  env?: Record<string, string>;
  initializationOptions?: unknown;
}

/** The `[lsp.servers]` section of core's config: name → { command, extensions, env }. */
export type LspServersConfig = Record<string, { command: string[]; extensions: string[]; env?: Record<string, string> }>;

// Works in both the ESM and the CJS build.
const requireHere = createRequire(typeof __filename === "string" ? __filename : import.meta.url);

/**
 * The built-in TypeScript/JavaScript server: the `typescript-language-server` this package depends
 * on, run with the current Node, pointed at the `typescript` it depends on.
 */
export function typescriptServerSpec(): LspServerSpec {
  const pkgPath = requireHere.resolve("typescript-language-server/package.json");
  const pkg = requireHere(pkgPath) as { bin: string | Record<string, string> };
  const bin = typeof pkg.bin === "string" ? pkg.bin : (pkg.bin["typescript-language-server"] as string);
  const tsserver = requireHere.resolve("typescript/lib/tsserver.js");
  return {
    id: "typescript",
    command: [process.execPath, join(dirname(pkgPath), bin), "--stdio"],
    extensions: [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"],
    // Type acquisition would run npm in the background: slow, and pointless offline.
    initializationOptions: { tsserver: { path: tsserver }, disableAutomaticTypingAcquisition: true, preferences: { includeCompletionsForModuleExports: true } },
  };
}

/** The built-in server plus those from config; a configured server with the same name replaces the built-in. */
export function lspServerSpecs(config: LspServersConfig = {}): LspServerSpec[] {
  const specs = new Map<string, LspServerSpec>([["typescript", typescriptServerSpec()]]);
  for (const [id, server] of Object.entries(config)) {
    specs.set(id, { id, command: server.command, extensions: server.extensions, ...(server.env ? { env: server.env } : {}) });
  }
  return [...specs.values()];
}
