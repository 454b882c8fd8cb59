import { CodetetherError, type Provider, type Tool, type ToolContext, type ToolResult } from "@codetether/core";
import { joinFiles } from "../content/join-files.js";
import { RlmExecutor } from "../executor/rlm-executor.js";
import type { RlmDriveMode, RlmLimits } from "../executor/rlm-options.js";
import { readWorkspaceFiles } from "./read-workspace-files.js";

export interface RlmToolArgs {
  query: string;
  paths?: string[];
  content?: string;
}

export interface RlmToolOptions extends RlmLimits {
  /** The provider and model the RLM runs on; whoever registers the tool injects them. */
  provider: Provider;
  model: string;
  subModel?: string;
  mode?: RlmDriveMode;
  /** Cap on the bytes read from `paths` (default 256 MiB). */
  maxTotalBytes?: number;
}

const DESCRIPTION = `Answer a question about content too large to read: files, directories or text of any size (tens of MB).
A Recursive Language Model explores the content through a REPL (grep, line ranges, chunking, sub-queries on slices)
and returns a concise answer. Use it for big logs, generated files, whole directories, long transcripts.
Give paths (relative to the workspace) and/or content, and a precise query.`;

/** The `rlm` tool for agents: {query, paths?, content?} → the RLM's answer. Paths resolve inside ctx.root. */
export function rlmTool(options: RlmToolOptions): Tool<RlmToolArgs> {
  const { provider, model, subModel, mode, maxTotalBytes, ...limits } = options;
  return {
    name: "rlm",
    description: DESCRIPTION,
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        query: { type: "string", description: "The question to answer about the content." },
        paths: { type: "array", items: { type: "string" }, description: "Files, directories or globs (logs/**/*.log), relative to the workspace root." },
        content: { type: "string", description: "Text to analyse (in addition to, or instead of, paths)." },
      },
      required: ["query"],
      additionalProperties: false,
    },
    async execute(args: RlmToolArgs, ctx: ToolContext): Promise<ToolResult> {
      // A single path given as a string (models do this) means that one path, not its characters.
      const given: unknown = args.paths;
      const paths = typeof given === "string" ? [given] : (args.paths ?? []);
      if (paths.length === 0 && (args.content === undefined || args.content === "")) {
        return { output: "rlm needs `paths` (files or directories in the workspace) or `content` to analyse.", isError: true };
      }
      for (const p of paths) {
        const granted = await ctx.permissions.request({ permission: "read", pattern: p, title: `rlm reads ${p}` });
        if (!granted) return { output: `Permission to read ${p} was denied.`, isError: true };
      }
      let content: string;
      try {
        const files = await readWorkspaceFiles(ctx.root, paths, maxTotalBytes !== undefined ? { maxTotalBytes } : {});
        if (paths.length > 0 && files.length === 0) return { output: `No readable text files under ${paths.join(", ")}.`, isError: true };
        const parts = files.length > 0 ? [joinFiles(files)] : [];
        if (args.content) parts.unshift(args.content);
        content = parts.join("\n");
      } catch (error) {
        if (CodetetherError.isInstance(error)) return { output: error.describe(), isError: true };
        throw error;
      }
      if (typeof args.query !== "string" || args.query.trim() === "") {
        return { output: "rlm needs a `query`: the question to answer about the content.", isError: true };
      }
      const executor = new RlmExecutor({
        ...limits,
        content,
        provider,
        model,
        ...(subModel ? { subModel } : {}),
        ...(mode ? { mode } : {}),
        onEvent: (event) => {
          if (event.type === "command") {
            ctx.emit({ type: "tool_output", tool: "rlm", ...(ctx.callId ? { callId: ctx.callId } : {}), chunk: `>>> ${event.source}\n` });
          }
        },
      });
      const result = await executor.analyze(args.query, { signal: ctx.signal });
      const s = result.stats;
      const footer = `[rlm: ${s.iterations} iterations, ${s.subcalls} sub-queries, ${s.contentChars} chars explored, ${s.charsSent} chars sent${
        result.partial ? `; partial answer: ${result.stopDetail ?? result.stopReason}` : ""
      }]`;
      return {
        output: `${result.answer}\n\n${footer}`,
        title: `rlm: ${args.query.slice(0, 60)}`,
        metadata: { stats: s, partial: result.partial ?? false, subQueries: result.subQueries.length, contentType: result.contentType },
      };
    },
  };
}
