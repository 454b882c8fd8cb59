import { CodetetherError } from "@codetether/core";

export type WebFetchErrorCode =
  | "webfetch_bad_url"
  | "webfetch_http_status"
  | "webfetch_too_many_redirects"
  | "webfetch_timeout"
  | "webfetch_network";

/** A `webfetch` could not get the page: a bad URL, an HTTP error status, a loop of redirects, a timeout. */
export class WebFetchError extends CodetetherError {
  readonly status?: number;

  constructor(code: WebFetchErrorCode, message: string, options: { hint?: string; status?: number; cause?: unknown } = {}) {
    super(code, message, { hint: options.hint, cause: options.cause });
    if (options.status !== undefined) this.status = options.status;
  }
}
