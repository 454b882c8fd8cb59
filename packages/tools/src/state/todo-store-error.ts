import { CodetetherError } from "@codetether/core";

/** The saved todo list of a session is not valid JSON. */
export class TodoStoreError extends CodetetherError {
  constructor(path: string, cause: unknown) {
    super("todo_store_corrupt", `The todo list at ${path} is not valid JSON.`, {
      hint: "Write a new list with todo_write, or fix or delete the file.",
      cause,
    });
  }
}
