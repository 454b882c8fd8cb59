import { CodetetherError } from "@codetether/core";

/** `websearch` has no backend, or its backend failed. */
export class WebSearchError extends CodetetherError {
  constructor(code: "websearch_not_configured" | "websearch_backend_failed", message: string, hint: string, cause?: unknown) {
    super(code, message, { hint, cause });
  }
}
