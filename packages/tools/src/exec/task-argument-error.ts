import { CodetetherError } from "@codetether/core";

/** A `task` action was called without the argument it needs. */
export class TaskArgumentError extends CodetetherError {
  constructor(action: string, field: string) {
    super("task_argument_missing", `The task action "${action}" needs the "${field}" argument.`, {
      hint: field === "id" ? 'Use action "list" to see the task ids.' : `Pass "${field}" with action "${action}".`,
    });
  }
}
