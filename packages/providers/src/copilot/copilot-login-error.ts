import { CodetetherError } from "@codetether/core";

/** The GitHub device-flow login did not produce a token (denied, expired, or GitHub refused). */
export class CopilotLoginError extends CodetetherError {
  readonly reason: string;

  constructor(reason: string, detail: string) {
    super("copilot_login_failed", `GitHub Copilot login failed: ${detail}`, {
      hint: "Run `codetether auth login github-copilot` again and enter the code at the address shown before it expires.",
    });
    this.reason = reason;
  }
}
