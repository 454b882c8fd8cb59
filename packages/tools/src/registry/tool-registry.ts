import picomatch from "picomatch";
import { describeError, throwIfAborted, type Tool, type ToolContext, type ToolDefinition, type ToolEvent, type ToolResult } from "@codetether/core";
import { DuplicateToolError } from "../errors/duplicate-tool-error.js";
import { UnknownToolError } from "../errors/unknown-tool-error.js";
import { applyOutputBudget } from "../output/output-budget.js";
import { validateJsonSchema } from "./validate-json-schema.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = Tool<any>;

export interface ToolRegistryOptions {
  /** Where cut outputs are saved (see `applyOutputBudget`); `false` turns the budget off. */
  outputBudget?: false | { spillDir?: string; maxBytes?: number; maxLines?: number };
}

const PREVIEW_CHARS = 200;

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}

function parseArguments(toolName: string, rawArgs: unknown): { args: Record<string, unknown> } | { error: string } {
  let value = rawArgs;
  if (typeof rawArgs === "string") {
    if (rawArgs.trim() === "") return { args: {} };
    try {
      value = JSON.parse(rawArgs);
    } catch (error) {
      return {
        error:
          `The arguments for ${toolName} are not valid JSON (${(error as Error).message}). ` +
          `Send one JSON object that matches the tool's parameters.`,
      };
    }
  }
  if (value === undefined || value === null) return { args: {} };
  if (typeof value !== "object" || Array.isArray(value)) {
    return { error: `The arguments for ${toolName} must be a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}.` };
  }
  return { args: value as Record<string, unknown> };
}

/** A tool that calls other tools through a registry (batch): views give it a copy bound to themselves. */
export interface RegistryBoundTool extends AnyTool {
  forRegistry(registry: ToolRegistry): AnyTool;
}

/**
 * The set of tools an agent may call, and the one place a model's call is turned into a result:
 * arguments parsed and validated against the tool's schema, start/end events emitted, the output
 * kept within budget, and every failure returned as a tool error the model can read — never thrown.
 */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyTool>();
  private readonly options: ToolRegistryOptions;

  constructor(tools: Iterable<AnyTool> = [], options: ToolRegistryOptions = {}) {
    this.options = options;
    for (const tool of tools) this.register(tool);
  }

  register(tool: AnyTool): this {
    if (this.tools.has(tool.name)) throw new DuplicateToolError(tool.name);
    this.tools.set(tool.name, tool);
    return this;
  }

  /** Removes a tool; returns whether it was there. */
  unregister(name: string): boolean {
    return this.tools.delete(name);
  }

  get(name: string): AnyTool | undefined {
    return this.tools.get(name);
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  list(): AnyTool[] {
    return [...this.tools.values()];
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  /** The tool definitions to send to a provider. */
  definitions(): ToolDefinition[] {
    return this.list().map((t) => ({ name: t.name, description: t.description, parameters: t.parameters }));
  }

  /** A registry of the read-only tools alone (plan mode); same options. */
  readOnlyView(): ToolRegistry {
    return this.derive(this.list().filter((t) => t.readOnly === true));
  }

  /**
   * A registry of the tools an agent's allow list names. Entries are names or globs (`todo_*`);
   * a leading `!` removes matches (`["*", "!bash"]`).
   */
  view(allow: readonly string[]): ToolRegistry {
    const include = allow.filter((p) => !p.startsWith("!")).map((p) => picomatch(p));
    const exclude = allow.filter((p) => p.startsWith("!")).map((p) => picomatch(p.slice(1)));
    return this.derive(this.list().filter((t) => include.some((m) => m(t.name)) && !exclude.some((m) => m(t.name))));
  }

  /**
   * A registry of `tools` with the same options. A tool that dispatches to other tools (batch) is
   * rebound to the new registry, so it cannot reach a tool the view leaves out.
   */
  private derive(tools: AnyTool[]): ToolRegistry {
    const view = new ToolRegistry([], this.options);
    for (const tool of tools) {
      const bound = (tool as Partial<RegistryBoundTool>).forRegistry;
      view.register(typeof bound === "function" ? bound.call(tool, view) : tool);
    }
    return view;
  }

  /**
   * Runs one tool call. `rawArgs` is the model's JSON text or an already-parsed object. Always
   * resolves: unknown tools, bad arguments and thrown errors come back as `{ isError: true }`.
   */
  async execute(name: string, rawArgs: string | object | undefined, ctx: ToolContext): Promise<ToolResult> {
    const started = performance.now();
    let argsText: string;
    try {
      argsText = typeof rawArgs === "string" ? rawArgs : (JSON.stringify(rawArgs ?? {}) ?? "");
    } catch {
      argsText = "[arguments not serialisable]";
    }
    const emit = (event: ToolEvent) => {
      // A broken view must not turn a finished tool call into a crash.
      try {
        ctx.emit(event);
      } catch {
        /* the event is dropped; the call's result still reaches the model */
      }
    };
    emit({ type: "tool_start", callId: ctx.callId, tool: name, argsPreview: preview(argsText), time: Date.now() });

    let result = await this.run(name, rawArgs, ctx);

    if (this.options.outputBudget !== false && typeof result.output === "string") {
      try {
        const budget = this.options.outputBudget ?? {};
        const cut = await applyOutputBudget(result.output, { toolName: name, ...budget });
        if (cut.truncated) {
          result = {
            ...result,
            output: cut.output,
            metadata: { ...result.metadata, truncated: true, ...(cut.fullOutputPath ? { fullOutputPath: cut.fullOutputPath } : {}) },
          };
        }
      } catch (error) {
        result = { ...result, output: `${result.output.slice(0, 64 * 1024)}\n[Output budget failed: ${describeError(error)}]` };
      }
    }

    emit({
      type: "tool_end",
      callId: ctx.callId,
      tool: name,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      success: result.isError !== true,
      outputPreview: preview(result.output),
      ...(result.title ? { title: result.title } : {}),
    });
    return result;
  }

  private async run(name: string, rawArgs: unknown, ctx: ToolContext): Promise<ToolResult> {
    const tool = this.tools.get(name);
    if (!tool) return { isError: true, output: new UnknownToolError(name, this.names()).describe() };

    const parsed = parseArguments(name, rawArgs);
    if ("error" in parsed) return { isError: true, output: parsed.error };

    const violations = validateJsonSchema(tool.parameters, parsed.args);
    if (violations.length > 0) {
      return {
        isError: true,
        output: `Invalid arguments for ${name}:\n${violations.map((v) => `- ${v.message}`).join("\n")}\nFix these and call ${name} again.`,
        metadata: { fields: violations.map((v) => v.path) },
      };
    }
    // Optional fields sent as null mean "not given".
    const args: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(parsed.args)) if (v !== null) args[k] = v;

    try {
      throwIfAborted(ctx.signal, `The ${name} call`);
      const result = await tool.execute(args, ctx);
      if (!result || typeof result.output !== "string") {
        return { isError: true, output: `Tool ${name} returned no output (a bug in the tool).` };
      }
      return result;
    } catch (error) {
      return { isError: true, output: describeError(error) };
    }
  }
}
