import { CodetetherError } from "@codetether/core";

export class InvalidForkPointError extends CodetetherError {
  constructor(sessionId: string, at: number, count: number) {
    super("fork_point_invalid", `Cannot fork session ${sessionId} at message ${at}: it has ${count} messages.`, {
      hint: `Give a message number between 0 and ${count} (the fork keeps the messages before it).`,
    });
  }
}
