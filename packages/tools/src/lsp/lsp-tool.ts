import { stat } from "node:fs/promises";
import { AbortedError, type Tool, type ToolContext, type ToolResult } from "@codetether/core";
import { displayPath } from "../files/display-path.js";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { requirePermission } from "../permissions/require-permission.js";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { similarNames } from "../files/load-edit-target.js";
import { LspFormatter } from "./format-lsp-result.js";
import { LspError } from "./lsp-error.js";
import { LspManager } from "./lsp-manager.js";
import { lspServerSpecs, type LspServersConfig } from "./lsp-server-spec.js";

export type LspAction = "definition" | "references" | "hover" | "completion" | "diagnostics" | "document_symbols" | "workspace_symbols";

export interface LspArgs {
  action: LspAction;
  path: string;
  line?: number;
  column?: number;
  query?: string;
}

export interface LspToolOptions {
  /** Servers from config `[lsp.servers]`, added to the built-in TypeScript server. */
  servers?: LspServersConfig;
  /** Share a manager (and its running servers) between tool sets; by default the tool owns one. */
  manager?: LspManager;
}

export interface LspTool extends Tool<LspArgs> {
  readonly manager: LspManager;
  /** Shuts every language server this tool started down. */
  dispose(): Promise<void>;
}

const POSITION_ACTIONS = new Set<LspAction>(["definition", "references", "hover", "completion"]);

/** `lsp`: asks a real language server about code — definitions, references, types, errors, symbols. */
export function createLspTool(options: LspToolOptions = {}): LspTool {
  const manager = options.manager ?? new LspManager(lspServerSpecs(options.servers));
  return {
    name: "lsp",
    description:
      "Ask the language server about code: definition, references, hover (type/docs), completion at a position " +
      "(line and column are 1-based); diagnostics (errors) or document_symbols of a file; workspace_symbols matching query.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        action: {
          type: "string",
          enum: ["definition", "references", "hover", "completion", "diagnostics", "document_symbols", "workspace_symbols"],
        },
        path: { type: "string", description: "The file, relative to the workspace root (for workspace_symbols: any file of the language)." },
        line: { type: "integer", minimum: 1, description: "1-based line (definition, references, hover, completion)." },
        column: { type: "integer", minimum: 1, description: "1-based column of the symbol's character." },
        query: { type: "string", description: "Symbol name or prefix for workspace_symbols." },
      },
      required: ["action", "path"],
      additionalProperties: false,
    },
    manager,
    dispose: () => manager.dispose(),
    async execute(args: LspArgs, ctx: ToolContext): Promise<ToolResult> {
      const path = await resolveWorkspacePath(ctx, args.path, { toolName: "lsp" });
      const display = displayPath(ctx, path);
      await requirePermission(ctx, { permission: "read", pattern: display, title: `${args.action} in ${display}` }, "lsp");
      const info = await stat(path).catch(() => undefined);
      if (!info) throw new FileNotFoundError(display, await similarNames(path));
      if (!info.isFile()) {
        throw new LspError("lsp_bad_arguments", `${display} is not a file.`, "Pass a source file; lsp answers questions about one file's contents.");
      }
      if (POSITION_ACTIONS.has(args.action) && (args.line === undefined || args.column === undefined)) {
        throw new LspError("lsp_bad_arguments", `The lsp action "${args.action}" needs line and column.`, "Pass the 1-based line and column of the symbol.");
      }
      if (args.action === "workspace_symbols" && !args.query) {
        throw new LspError("lsp_bad_arguments", 'The lsp action "workspace_symbols" needs a query.', "Pass the symbol name or a prefix of it as query.");
      }
      // The first question in a root waits for the server to analyse the project; an abort must not.
      const work = (async (): Promise<ToolResult> => {
        const client = await manager.clientFor(ctx.root, path);
        const uri = await client.sync(path);
        await client.whenAnalyzed(uri);
        const fmt = new LspFormatter(ctx.root);
        const shown = fmt.path(uri);
        const position = { line: (args.line ?? 1) - 1, character: (args.column ?? 1) - 1 };
        const at = { textDocument: { uri }, position };
        let output: string;
        switch (args.action) {
          case "definition":
            output = fmt.locations(await client.request("textDocument/definition", at), "definition");
            break;
          case "references":
            output = fmt.locations(await client.request("textDocument/references", { ...at, context: { includeDeclaration: true } }), "reference");
            break;
          case "hover":
            output = fmt.hover(await client.request("textDocument/hover", at));
            break;
          case "completion":
            output = fmt.completion(await client.request("textDocument/completion", at));
            break;
          case "diagnostics":
            output = fmt.diagnostics(shown, await client.waitForDiagnostics(uri));
            break;
          case "document_symbols":
            output = fmt.documentSymbols(await client.request("textDocument/documentSymbol", { textDocument: { uri } }), shown);
            break;
          case "workspace_symbols":
            output = fmt.workspaceSymbols(await client.request("workspace/symbol", { query: args.query }), args.query ?? "");
            break;
        }
        return { output, title: `${args.action} ${shown}${POSITION_ACTIONS.has(args.action) ? `:${args.line}:${args.column}` : ""}`, metadata: { server: client.spec.id } };
      })();
      return untilAborted(work, ctx.signal);
    },
  };
}

/** `work`'s result, or an AbortedError as soon as `signal` aborts (the work goes on; a started server is kept). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(new AbortedError("lsp"));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(new AbortedError("lsp"));
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
