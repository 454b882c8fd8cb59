import { CodetetherError } from "@codetether/core";

/** The `question` tool was called where nobody can answer (headless run, no UI callback). */
export class QuestionUnavailableError extends CodetetherError {
  constructor() {
    super("question_unavailable", "No user is available to answer questions in this session.", {
      hint: "Decide with the information you have, state your assumption, and continue.",
    });
  }
}
