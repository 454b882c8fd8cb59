import { CodetetherError } from "@codetether/core";

/** A `task` call named a background task id that this tool set never started. */
export class TaskNotFoundError extends CodetetherError {
  constructor(id: string, known: string[]) {
    super("task_not_found", `No background task with id "${id}".`, {
      hint: known.length ? `Known tasks: ${known.join(", ")}.` : "No tasks have been started; use action \"start\" first.",
    });
  }
}
