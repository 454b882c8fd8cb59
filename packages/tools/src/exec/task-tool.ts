import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { resolveWorkspacePath } from "../guard/workspace-guard.js";
import { BackgroundTaskManager, type BackgroundTaskInfo, type BackgroundTaskManagerOptions } from "./background-task-manager.js";
import { requirePermission } from "../permissions/require-permission.js";
import { TaskArgumentError } from "./task-argument-error.js";
import { assertDirectory } from "./working-directory-error.js";

export interface TaskArgs {
  action: "start" | "status" | "output" | "kill" | "list";
  command?: string;
  id?: string;
  cwd?: string;
}

export interface TaskTool extends Tool<TaskArgs> {
  readonly manager: BackgroundTaskManager;
  /** Kills every background task this tool started. */
  dispose(): Promise<void>;
}

function describe(info: BackgroundTaskInfo): string {
  const state =
    info.state === "running"
      ? `running for ${Math.round((Date.now() - info.startedAt) / 1000)}s`
      : info.state === "killed"
        ? "killed"
        : info.exitSignal
          ? `exited by ${info.exitSignal}`
          : `exited with code ${info.exitCode}`;
  return `${info.id} [${state}] pid ${info.pid ?? "?"}: ${info.command}`;
}

/**
 * `task`: background processes the agent starts and polls (servers, watchers, long builds). Each
 * tool set owns one manager, so disposing the tool set stops every process it started.
 */
export function createTaskTool(options: BackgroundTaskManagerOptions & { manager?: BackgroundTaskManager } = {}): TaskTool {
  const manager = options.manager ?? new BackgroundTaskManager(options);
  const need = (value: string | undefined, field: "command" | "id", action: string): string => {
    if (value === undefined || value === "") throw new TaskArgumentError(action, field);
    return value;
  };
  return {
    name: "task",
    description:
      "Manage background processes: `start` a command (returns an id), `status`/`output` to poll it " +
      "(output keeps the last 256 KiB), `kill` it with its whole process tree, `list` all tasks.",
    parameters: {
      type: "object",
      properties: {
        action: { type: "string", enum: ["start", "status", "output", "kill", "list"] },
        command: { type: "string", description: "The command line to start (action start)." },
        id: { type: "string", description: "The task id returned by start (status, output, kill)." },
        cwd: { type: "string", description: "Working directory for start, relative to the workspace root." },
      },
      required: ["action"],
      additionalProperties: false,
    },
    manager,
    dispose: () => manager.dispose(),
    async execute(args: TaskArgs, ctx: ToolContext): Promise<ToolResult> {
      switch (args.action) {
        case "start": {
          const command = need(args.command, "command", "start");
          const cwd = await resolveWorkspacePath(ctx, args.cwd ?? ".", { toolName: "task" });
          await assertDirectory(cwd, args.cwd ?? ".");
          await requirePermission(ctx, { permission: "bash", pattern: command, title: `background: ${command}` }, "task");
          const info = manager.start(command, cwd);
          return { output: `Started ${describe(info)}`, title: command, metadata: { task: info } };
        }
        case "status": {
          const info = manager.status(need(args.id, "id", "status"));
          return { output: describe(info), metadata: { task: info } };
        }
        case "output": {
          const { info, text, droppedChars } = manager.output(need(args.id, "id", "output"));
          const dropped = droppedChars > 0 ? `[first ${droppedChars} characters dropped]\n` : "";
          return { output: `${describe(info)}\n${dropped}${text === "" ? "(no output yet)" : text}`, metadata: { task: info } };
        }
        case "kill": {
          const info = await manager.kill(need(args.id, "id", "kill"));
          return { output: `Killed ${describe(info)}`, metadata: { task: info } };
        }
        case "list": {
          const tasks = manager.list();
          return { output: tasks.length ? tasks.map(describe).join("\n") : "No background tasks.", metadata: { tasks } };
        }
      }
    },
  };
}
