import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { TODO_PRIORITIES, TODO_STATUSES, type TodoItem } from "./todo-item.js";
import { TodoStore } from "./todo-store.js";
import { TodoValidationError } from "./todo-validation-error.js";

export interface TodoToolOptions {
  /** The directory the lists are saved under (`<dataDir>/todos/<session>.json`). */
  dataDir: string;
}

const MARK: Record<TodoItem["status"], string> = { pending: "[ ]", in_progress: "[~]", completed: "[x]", cancelled: "[-]" };

function render(todos: TodoItem[]): string {
  if (todos.length === 0) return "The todo list is empty.";
  const open = todos.filter((t) => t.status === "pending" || t.status === "in_progress").length;
  const lines = todos.map((t) => `${MARK[t.status]} ${t.id}: ${t.content}${t.priority ? ` (${t.priority})` : ""}`);
  return `${lines.join("\n")}\n${open} open of ${todos.length}.`;
}

const sessionOf = (ctx: ToolContext) => ctx.sessionId ?? "default";

export function createTodoReadTool(options: TodoToolOptions): Tool<Record<string, never>> {
  const store = new TodoStore(options.dataDir);
  return {
    name: "todo_read",
    description: "Read this session's todo list.",
    readOnly: true,
    parameters: { type: "object", properties: {}, additionalProperties: false },
    async execute(_args, ctx): Promise<ToolResult> {
      const todos = await store.read(sessionOf(ctx));
      return { output: render(todos), metadata: { todos } };
    },
  };
}

export interface TodoWriteArgs {
  todos: TodoItem[];
}

/** `todo_write` replaces the whole list, so the model always states the complete plan. */
export function createTodoWriteTool(options: TodoToolOptions): Tool<TodoWriteArgs> {
  const store = new TodoStore(options.dataDir);
  return {
    name: "todo_write",
    description:
      "Replace this session's todo list with the given items. Send the complete list each time; " +
      "keep at most one item in_progress and mark items completed as soon as they are done.",
    // It changes the agent's own notes, never the workspace, so it stays available in plan mode.
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        todos: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "string", minLength: 1 },
              content: { type: "string", minLength: 1 },
              status: { type: "string", enum: [...TODO_STATUSES] },
              priority: { type: "string", enum: [...TODO_PRIORITIES] },
            },
            required: ["id", "content", "status"],
            additionalProperties: false,
          },
        },
      },
      required: ["todos"],
      additionalProperties: false,
    },
    async execute(args, ctx): Promise<ToolResult> {
      const seen = new Set<string>();
      for (const todo of args.todos) {
        if (seen.has(todo.id)) throw new TodoValidationError(`The todo id "${todo.id}" is used more than once.`);
        seen.add(todo.id);
      }
      const todos = args.todos.map(({ id, content, status, priority }) => ({ id, content, status, ...(priority ? { priority } : {}) }));
      await store.write(sessionOf(ctx), todos);
      return { output: render(todos), title: `${todos.length} todos`, metadata: { todos } };
    },
  };
}
