import { relative, sep } from "node:path";
import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { displayPath } from "../files/display-path.js";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { requirePermission } from "../permissions/require-permission.js";
import { rankSymbols } from "./rank-symbols.js";
import { SymbolIndex } from "./symbol-index.js";

export interface CodesearchArgs {
  query: string;
  path?: string;
  limit?: number;
}

export interface CodesearchTool extends Tool<CodesearchArgs> {
  /** The in-memory index of a root, created on first use and updated incrementally on each search. */
  indexFor(root: string): SymbolIndex;
}

/**
 * `codesearch`: ranked search over identifiers — definitions of functions, classes, methods, types
 * and constants first, then places the name is used. Runs locally from an incremental index.
 */
export function createCodesearchTool(): CodesearchTool {
  const indexes = new Map<string, SymbolIndex>();
  const indexFor = (root: string) => {
    let index = indexes.get(root);
    if (!index) indexes.set(root, (index = new SymbolIndex(root)));
    return index;
  };
  return {
    name: "codesearch",
    description:
      "Find code by identifier: ranked definitions (functions, classes, methods, types, constants in TS/JS, Python, Go, Rust, Java) " +
      "then uses. Matches exact names, prefixes, camelCase/snake_case words (\"parse config\" finds parseConfigFile) and fuzzy spellings.",
    readOnly: true,
    indexFor,
    parameters: {
      type: "object",
      properties: {
        query: { type: "string", minLength: 1, description: "An identifier, a prefix, or words of one." },
        path: { type: "string", description: "Limit results to this directory or file, relative to the workspace root." },
        limit: { type: "integer", minimum: 1, maximum: 200, description: "Results at most (default 20)." },
      },
      required: ["query"],
      additionalProperties: false,
    },
    async execute(args: CodesearchArgs, ctx: ToolContext): Promise<ToolResult> {
      let pathPrefix: string | undefined;
      const abs = await resolveWorkspacePath(ctx, args.path ?? ".", { toolName: "codesearch" });
      const shown = displayPath(ctx, abs);
      await requirePermission(ctx, { permission: "read", pattern: shown, title: `Search identifiers ${JSON.stringify(args.query)} in ${shown}` }, "codesearch");
      if (args.path) {
        const rel = relative(ctx.root, abs);
        pathPrefix = rel === "" ? undefined : sep === "/" ? rel : rel.split(sep).join("/");
      }
      const index = indexFor(ctx.root);
      const update = await index.update(ctx.signal);
      const hits = rankSymbols(index.entries(), args.query, { pathPrefix, limit: args.limit ?? 20 });
      const output = hits.length
        ? hits.map((h) => `${h.path}:${h.line}: ${h.kind === "use" ? "use of" : h.kind} ${h.name} — ${h.text}`).join("\n")
        : `No identifiers match ${JSON.stringify(args.query)} in ${update.files} indexed source files.`;
      return { output, title: args.query, metadata: { hits, indexed: update } };
    },
  };
}

export const codesearchTool = createCodesearchTool();
