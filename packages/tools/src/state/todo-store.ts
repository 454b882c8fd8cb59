import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "@codetether/core";
import type { TodoItem } from "./todo-item.js";
import { TodoStoreError } from "./todo-store-error.js";

/** Session ids become file names: keep them to a safe alphabet so no id can point outside the directory. */
function fileNameFor(sessionId: string): string {
  const safe = sessionId.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return `${safe || "_"}.json`;
}

/** Each session's todo list, one JSON file per session under `<dataDir>/todos/`, written atomically. */
export class TodoStore {
  constructor(private readonly dataDir: string) {}

  pathFor(sessionId: string): string {
    return join(this.dataDir, "todos", fileNameFor(sessionId));
  }

  async read(sessionId: string): Promise<TodoItem[]> {
    const path = this.pathFor(sessionId);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    try {
      const data = JSON.parse(text) as { todos?: TodoItem[] };
      return Array.isArray(data.todos) ? data.todos : [];
    } catch (error) {
      throw new TodoStoreError(path, error);
    }
  }

  async write(sessionId: string, todos: TodoItem[]): Promise<void> {
    await writeFileAtomic(this.pathFor(sessionId), `${JSON.stringify({ sessionId, updatedAt: new Date().toISOString(), todos }, null, 2)}\n`);
  }
}
