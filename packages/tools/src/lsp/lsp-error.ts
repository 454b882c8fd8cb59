import { CodetetherError } from "@codetether/core";

export type LspErrorCode = "lsp_no_server" | "lsp_start_failed" | "lsp_request_failed" | "lsp_bad_arguments";

/** A language-server question could not be answered: no server for the file type, or the server failed. */
export class LspError extends CodetetherError {
  constructor(code: LspErrorCode, message: string, hint: string, cause?: unknown) {
    super(code, message, { hint, cause });
  }
}
