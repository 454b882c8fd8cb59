import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import type { ToolRegistry } from "../registry/tool-registry.js";

export interface BatchCall {
  tool: string;
  arguments?: Record<string, unknown>;
}

export interface BatchArgs {
  calls: BatchCall[];
}

export interface BatchToolOptions {
  /** The registry the calls go through (validation, permissions, budget), or a getter for one built later. */
  registry: Pick<ToolRegistry, "execute"> | (() => Pick<ToolRegistry, "execute">);
  /** Calls running at once. */
  concurrency?: number;
  /** Calls accepted in one batch. */
  maxCalls?: number;
}

export interface BatchItemResult {
  tool: string;
  isError: boolean;
  output: string;
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping results in input order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * `batch`: independent tool calls run in parallel through the registry, each answered under its own
 * label. A batch may not contain another batch, so one call cannot fan out without bound.
 */
export function createBatchTool(options: BatchToolOptions): Tool<BatchArgs> & { forRegistry(registry: ToolRegistry): Tool<BatchArgs> } {
  const concurrency = options.concurrency ?? 4;
  const maxCalls = options.maxCalls ?? 25;
  const registry = () => (typeof options.registry === "function" ? options.registry() : options.registry);
  return {
    // A registry view (an agent's allow list) gets a batch that can only reach the view's tools.
    forRegistry: (view: ToolRegistry) => createBatchTool({ ...options, registry: view }),
    name: "batch",
    description:
      `Run up to ${maxCalls} independent tool calls in parallel (${concurrency} at a time) and get every result, labelled. ` +
      "Use it for calls that do not depend on each other (several reads or searches); batch cannot contain batch.",
    parameters: {
      type: "object",
      properties: {
        calls: {
          type: "array",
          minItems: 1,
          maxItems: maxCalls,
          items: {
            type: "object",
            properties: {
              tool: { type: "string", description: "The tool name." },
              arguments: { type: "object", description: "The tool's arguments." },
            },
            required: ["tool"],
            additionalProperties: false,
          },
        },
      },
      required: ["calls"],
      additionalProperties: false,
    },
    async execute(args: BatchArgs, ctx: ToolContext): Promise<ToolResult> {
      const results = await mapBounded(args.calls, concurrency, async (call, i): Promise<BatchItemResult> => {
        if (call.tool === "batch") {
          return { tool: call.tool, isError: true, output: "batch cannot be nested inside batch; put the calls in this batch directly." };
        }
        const childCtx: ToolContext = { ...ctx, callId: ctx.callId ? `${ctx.callId}#${i + 1}` : undefined };
        const result = await registry().execute(call.tool, call.arguments ?? {}, childCtx);
        return { tool: call.tool, isError: result.isError === true, output: result.output };
      });
      const failed = results.filter((r) => r.isError).length;
      const output = results
        .map((r, i) => `## [${i + 1}] ${r.tool} — ${r.isError ? "error" : "ok"}\n${r.output}`)
        .join("\n\n");
      return {
        output: `${output}\n\n${results.length - failed} of ${results.length} calls succeeded.`,
        isError: failed === results.length,
        title: `${results.length} calls`,
        metadata: { results },
      };
    },
  };
}
