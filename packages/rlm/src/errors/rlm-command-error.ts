import { CodetetherError } from "@codetether/core";

/**
 * A REPL command the model wrote could not run (bad syntax, bad regex, unknown function, wrong
 * arguments). The REPL turns it into an `error:` line in the transcript so the model can fix it.
 */
export class RlmCommandError extends CodetetherError {
  constructor(message: string) {
    super("rlm_command_invalid", message, {
      hint: "Fix the command and run it again; `context()` and the system prompt list the commands.",
    });
  }
}
