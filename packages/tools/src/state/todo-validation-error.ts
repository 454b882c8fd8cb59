import { CodetetherError } from "@codetether/core";

/** A `todo_write` list breaks a rule the schema cannot express (duplicate ids). */
export class TodoValidationError extends CodetetherError {
  constructor(message: string) {
    super("todo_invalid", message, { hint: "Give every todo a unique id and send the whole list again." });
  }
}
