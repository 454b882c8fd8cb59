import { CodetetherError } from "@codetether/core";

export class SessionNotFoundError extends CodetetherError {
  readonly sessionId: string;

  constructor(sessionId: string, scope: string) {
    super("session_not_found", `No session "${sessionId}" ${scope}.`, {
      hint: "List sessions with `codetether sessions list` (add --all for every repository).",
    });
    this.sessionId = sessionId;
  }
}
