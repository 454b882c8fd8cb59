import { CodetetherError } from "@codetether/core";

export class AmbiguousSessionIdError extends CodetetherError {
  readonly matches: string[];

  constructor(prefix: string, matches: string[]) {
    super("session_id_ambiguous", `Session id "${prefix}" matches ${matches.length} sessions: ${matches.slice(0, 5).join(", ")}.`, {
      hint: "Give more characters of the id.",
    });
    this.matches = matches;
  }
}
