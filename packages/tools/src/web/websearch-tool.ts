import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { requirePermission } from "../permissions/require-permission.js";
import { runWebSearch } from "./run-web-search.js";
import type { WebSearchBackendConfig } from "./search-backend.js";
import { WebSearchError } from "./web-search-error.js";

export interface WebsearchArgs {
  query: string;
  max_results?: number;
}

export interface WebsearchToolOptions {
  /** The backend; absent means not configured, and every call answers how to configure one. */
  backend?: WebSearchBackendConfig;
  timeoutMs?: number;
}

const NOT_CONFIGURED_HINT =
  'Add to ~/.config/codetether-agent/config.toml either\n  [websearch]\n  backend = "searxng"\n  url = "http://localhost:8888"\n' +
  'or backend = "brave" / "tavily" with the API key stored in the secret store (BRAVE_API_KEY / TAVILY_API_KEY).';

/** `websearch`: web search through a SearXNG instance or the Brave/Tavily APIs. */
export function createWebsearchTool(options: WebsearchToolOptions = {}): Tool<WebsearchArgs> {
  return {
    name: "websearch",
    description: "Search the web; returns titles, URLs and snippets. Follow up with webfetch to read a result.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        query: { type: "string", minLength: 1, description: "The search query." },
        max_results: { type: "integer", minimum: 1, maximum: 20, description: "Results returned at most (default 8)." },
      },
      required: ["query"],
      additionalProperties: false,
    },
    async execute(args: WebsearchArgs, ctx: ToolContext): Promise<ToolResult> {
      if (!options.backend) {
        throw new WebSearchError("websearch_not_configured", "Web search is not configured: no [websearch] backend is set.", NOT_CONFIGURED_HINT);
      }
      await requirePermission(ctx, { permission: "websearch", pattern: args.query, title: `Search the web for ${JSON.stringify(args.query)}` }, "websearch");
      const max = args.max_results ?? 8;
      const results = await runWebSearch(options.backend, args.query, max, { signal: ctx.signal, timeoutMs: options.timeoutMs });
      const output = results.length
        ? results.map((r, i) => `${i + 1}. ${r.title || r.url}\n   ${r.url}${r.snippet ? `\n   ${r.snippet.replace(/\s+/g, " ").trim()}` : ""}`).join("\n")
        : `No results for "${args.query}".`;
      return { output, title: args.query, metadata: { results, backend: options.backend.backend } };
    },
  };
}
