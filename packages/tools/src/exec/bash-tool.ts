import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { commandEnv } from "./command-env.js";
import { runCommand } from "./run-command.js";
import { assertDirectory } from "./working-directory-error.js";
import { requirePermission } from "../permissions/require-permission.js";

export interface BashArgs {
  command: string;
  cwd?: string;
  timeout_ms?: number;
  description?: string;
}

export interface BashToolOptions {
  /** Default deadline for a command. */
  defaultTimeoutMs?: number;
  /** Upper bound a call may ask for with `timeout_ms`. */
  maxTimeoutMs?: number;
  /** The environment commands start from before secrets are stripped (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  shell?: string;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const MAX_TIMEOUT_MS = 600_000;

/**
 * `bash`: runs one non-interactive shell command in the workspace and answers with its combined
 * output and exit status. Output streams to the context as `tool_output` events while it runs.
 */
export function createBashTool(options: BashToolOptions = {}): Tool<BashArgs> {
  const maxTimeout = options.maxTimeoutMs ?? MAX_TIMEOUT_MS;
  return {
    name: "bash",
    description:
      "Run a shell command (bash -c) in the workspace and return its combined stdout/stderr and exit code. " +
      "Non-interactive: stdin is closed and git/ssh never prompt. The whole process tree is killed on timeout. " +
      "Use the `task` tool for long-running or background processes.",
    parameters: {
      type: "object",
      properties: {
        command: { type: "string", description: "The command line to run." },
        cwd: { type: "string", description: "Working directory, relative to the workspace root (default: the root)." },
        timeout_ms: {
          type: "integer",
          minimum: 1,
          maximum: maxTimeout,
          description: `Deadline in milliseconds (default ${options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS}).`,
        },
        description: { type: "string", description: "A few words saying what the command does, shown to the user." },
      },
      required: ["command"],
      additionalProperties: false,
    },
    async execute(args: BashArgs, ctx: ToolContext): Promise<ToolResult> {
      const cwd = await resolveWorkspacePath(ctx, args.cwd ?? ".", { toolName: "bash" });
      await assertDirectory(cwd, args.cwd ?? ".");
      await requirePermission(ctx, { permission: "bash", pattern: args.command, title: args.description ?? args.command }, "bash");
      const timeoutMs = Math.min(args.timeout_ms ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, maxTimeout);
      const result = await runCommand({
        command: args.command,
        cwd,
        env: commandEnv(options.env ?? process.env),
        timeoutMs,
        signal: ctx.signal,
        shell: options.shell,
        onOutput: (chunk, stream) => ctx.emit({ type: "tool_output", callId: ctx.callId, tool: "bash", chunk, stream }),
      });
      const status = result.timedOut
        ? `[timed out after ${timeoutMs} ms; the process tree was killed]`
        : result.aborted
          ? "[aborted; the process tree was killed]"
          : result.exitSignal
            ? `[killed by ${result.exitSignal}]`
            : `[exit code ${result.exitCode}]`;
      const stray = result.strayProcessesKilled
        ? "\n[background processes left running by the command were stopped; use the task tool for long-running processes]"
        : "";
      // The registry's output budget cuts a huge output and saves it whole; the status line stays at the end.
      const body = result.output === "" ? "(no output)\n" : result.output.replace(/\n?$/, "\n");
      return {
        output: `${body}${status}${stray}`,
        isError: result.timedOut || result.aborted || result.exitSignal !== null,
        title: args.description ?? args.command,
        metadata: {
          exitCode: result.exitCode,
          exitSignal: result.exitSignal,
          timedOut: result.timedOut,
          aborted: result.aborted,
          pid: result.pid,
          durationMs: result.durationMs,
        },
      };
    },
  };
}

export const bashTool = createBashTool();
