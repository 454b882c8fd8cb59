import { stat } from "node:fs/promises";
import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { displayPath } from "../files/display-path.js";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { defaultSpillDir } from "../output/output-budget.js";
import { requirePermission } from "../permissions/require-permission.js";
import { builtinGrep } from "./builtin-grep.js";
import { findRipgrep } from "./find-ripgrep.js";
import { formatGrepOutput } from "./format-grep-output.js";
import type { GrepEngineResult, GrepQuery } from "./grep-types.js";
import { RipgrepPatternRejected, ripgrepGrep } from "./ripgrep-grep.js";
import { SearchPathError } from "./search-path-error.js";

export interface GrepArgs {
  pattern: string;
  path?: string;
  include?: string;
  literal?: boolean;
  case_sensitive?: boolean;
  context_lines?: number;
  limit?: number;
}

export interface GrepToolOptions {
  /**
   * `"auto"` (default): use `rg` when it is on PATH, else the built-in search. `false`: always the
   * built-in search. A string: that ripgrep executable.
   */
  ripgrep?: "auto" | false | string;
  /** Matching lines shown when the call gives no limit. */
  defaultLimit?: number;
  /** Where cut tool outputs are saved (default core's data dir): searchable without external_directory. */
  spillDir?: string;
}

const COLLECT_LIMIT = 20_000;

/** `.env`, `.env.local`, … hold credentials; their templates (`.env.example`) do not. */
const SECRET_FILE = /(^|\/)\.env(\.(?!example$|sample$|template$|dist$)[^/]+)?$/;

export function isSecretsFile(path: string): boolean {
  return SECRET_FILE.test(path);
}

/** Runs a search with ripgrep when available, falling back to the built-in engine for what rg cannot do. */
export async function runGrep(query: GrepQuery, ripgrep: GrepToolOptions["ripgrep"] = "auto"): Promise<GrepEngineResult> {
  const rg = ripgrep === false ? undefined : ripgrep === "auto" || ripgrep === undefined ? findRipgrep() : ripgrep;
  // An include with "/" is a path glob; rg can only apply one as a --glob, which would override
  // .gitignore, so the built-in engine (which applies both) searches those.
  if (!rg || query.include?.includes("/")) return builtinGrep(query);
  try {
    return await ripgrepGrep(rg, query);
  } catch (error) {
    // Patterns in JavaScript's dialect that rg rejects (look-around, backreferences) still work built in.
    if (error instanceof RipgrepPatternRejected) return builtinGrep(query);
    throw error;
  }
}

/** `grep`: regular-expression search over the workspace's files, .gitignore-aware, grouped by file. */
export function createGrepTool(options: GrepToolOptions = {}): Tool<GrepArgs> {
  const defaultLimit = options.defaultLimit ?? 100;
  return {
    name: "grep",
    description:
      "Search file contents with a regular expression (or literal text). Honours .gitignore, skips binary files. " +
      "Output: `path:line: text` per matching line, grouped by file, with counts.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        pattern: { type: "string", minLength: 1, description: "Regular expression (or text with literal: true)." },
        path: { type: "string", description: "Directory or file to search, relative to the workspace root (default: the root)." },
        include: {
          type: "string",
          description: 'Glob of files to search: "*.ts" matches file names anywhere; a glob with "/" ("src/**/*.{ts,tsx}") is relative to path.',
        },
        literal: { type: "boolean", description: "Treat pattern as plain text (default false)." },
        case_sensitive: { type: "boolean", description: "Match case (default true)." },
        context_lines: { type: "integer", minimum: 0, maximum: 20, description: "Lines of context around each match (default 0)." },
        limit: { type: "integer", minimum: 1, maximum: 5000, description: `Matching lines shown at most (default ${defaultLimit}).` },
      },
      required: ["pattern"],
      additionalProperties: false,
    },
    async execute(args: GrepArgs, ctx: ToolContext): Promise<ToolResult> {
      // The spill dir is where the model is told to find cut outputs ("search it with grep").
      const target = await resolveWorkspacePath(ctx, args.path ?? ".", { toolName: "grep", extraRoots: [options.spillDir ?? defaultSpillDir()] });
      const shown = displayPath(ctx, target);
      await requirePermission(ctx, { permission: "read", pattern: shown, title: `Search ${JSON.stringify(args.pattern)} in ${shown}` }, "grep");
      let isFile: boolean;
      try {
        isFile = (await stat(target)).isFile();
      } catch {
        throw new SearchPathError(args.path ?? ".");
      }
      const result = await runGrep(
        {
          pattern: args.pattern,
          target,
          displayRoot: ctx.root,
          include: args.include,
          literal: args.literal ?? false,
          caseSensitive: args.case_sensitive ?? true,
          contextLines: args.context_lines ?? 0,
          signal: ctx.signal,
          collectLimit: COLLECT_LIMIT,
          // A search over a tree must not print credentials the read permission guards; naming
          // the file itself (which asked for read permission on it) is a deliberate choice.
          ...(isFile ? {} : { withhold: isSecretsFile }),
        },
        options.ripgrep,
      );
      const formatted = formatGrepOutput(result, args.pattern, args.limit ?? defaultLimit);
      return {
        output: formatted.output,
        title: args.pattern,
        metadata: { engine: result.engine, totalMatches: result.totalMatches, totalFiles: result.totalFiles, truncated: formatted.truncated },
      };
    },
  };
}

export const grepTool = createGrepTool();
