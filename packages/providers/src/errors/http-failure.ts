import { CodetetherError } from "@codetether/core";

/**
 * A non-2xx HTTP answer caught below an SDK (in our own fetch wrapper), carrying what the SDK's
 * own error would drop: the headers (Retry-After) and the raw body. Always turned into a
 * ProviderError before it reaches a caller.
 */
export class HttpFailure extends CodetetherError {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;

  constructor(status: number, headers: Headers, body: string) {
    super("provider_http_failure", `HTTP ${status}: ${body.slice(0, 500)}`);
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}
