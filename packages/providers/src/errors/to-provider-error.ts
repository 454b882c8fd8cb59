import { ProviderError, type ProviderErrorKind } from "./provider-error.js";
import { HttpFailure } from "./http-failure.js";

const CONTEXT_OVERFLOW =
  /context[ _-]?(length|window)|maximum context|prompt is too long|too many (input )?tokens|exceeds? the (model'?s? )?(context|maximum)|input is too long|token limit/i;

const CONNECTION_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_SOCKET"]);

/**
 * Turns whatever an SDK threw (an HTTP error, a reset socket, a body that is not JSON) into one
 * ProviderError with a kind, the provider's own message, and whether a retry may help.
 */
export function toProviderError(error: unknown, providerId: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const status = statusOf(error);
  const providerMessage = messageOf(error);
  if (status !== undefined) {
    const kind = kindForStatus(status, providerMessage);
    const retryAfterMs = retryAfterOf(error);
    return new ProviderError({
      kind,
      providerId,
      status,
      providerMessage,
      retryable: kind === "rate_limit" || (kind === "unavailable" && status !== 501),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      // No `cause`: the SDK error holds the raw body, which may echo the key unredacted.
    });
  }
  if (isConnectionFailure(error)) {
    // "Connection error." alone does not say what to fix; the innermost cause does (refused, DNS, bad port).
    const detail = rootCauseOf(error);
    const message = detail && !providerMessage.includes(detail) ? `${providerMessage} (${detail})` : providerMessage;
    return new ProviderError({ kind: "unavailable", providerId, providerMessage: message, retryable: true, cause: error });
  }
  // A 200 whose body is not the API's format (malformed JSON): retrying would get the same answer.
  return new ProviderError({
    kind: "unavailable",
    providerId,
    providerMessage: `invalid response: ${providerMessage}`,
    retryable: false,
  });
}

/** Gemini answers a bad key with 400 INVALID_ARGUMENT rather than 401. */
const BAD_KEY = /API key not valid|API_KEY_INVALID|invalid (x-)?api[ _-]?key/i;

function kindForStatus(status: number, message: string): ProviderErrorKind {
  if (status === 401 || status === 403 || (status === 400 && BAD_KEY.test(message))) return "auth";
  if (status === 429) return "rate_limit";
  if (status === 413) return "context_overflow";
  if (status >= 400 && status < 500 && status !== 408 && status !== 409) {
    return CONTEXT_OVERFLOW.test(message) ? "context_overflow" : "bad_request";
  }
  return "unavailable";
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpFailure) return error.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 ? status : undefined;
}

/** The provider's message: the JSON error body's `message` where there is one. */
function messageOf(error: unknown): string {
  if (error instanceof HttpFailure) return bodyMessage(error.body) ?? error.message;
  const body = (error as { error?: unknown } | null)?.error;
  const fromBody = bodyMessage(body);
  if (fromBody) return fromBody;
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function bodyMessage(body: unknown): string | undefined {
  if (typeof body === "string") {
    try {
      return bodyMessage(JSON.parse(body)) ?? body;
    } catch {
      return body.trim() || undefined;
    }
  }
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.message === "string") return record.message;
  if (record.error !== undefined) return bodyMessage(record.error);
  return undefined;
}

function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { headers?: unknown } | null)?.headers;
  const get = (name: string): string | null | undefined => {
    if (headers instanceof Headers) return headers.get(name);
    if (typeof headers === "object" && headers !== null) return (headers as Record<string, string>)[name];
    return undefined;
  };
  const ms = get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The innermost cause's message (`connect ECONNREFUSED 127.0.0.1:8080`, `getaddrinfo ENOTFOUND host`). */
function rootCauseOf(error: unknown): string | undefined {
  let detail: string | undefined;
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const inner = (e as { errors?: unknown[] }).errors;
    // Node reports a refused dual-stack connect as an AggregateError with one error per address.
    const current = Array.isArray(inner) && inner.length > 0 ? inner[0] : e;
    const message = (current as { message?: unknown }).message;
    const code = (current as { code?: unknown }).code;
    if (typeof message === "string" && message.trim() !== "") {
      detail = typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message;
    } else if (typeof code === "string") {
      detail = code;
    }
    e = (current as { cause?: unknown }).cause;
  }
  return detail;
}

function isConnectionFailure(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: string }).name;
    const code = (e as { code?: string }).code;
    const message = (e as { message?: string }).message ?? "";
    if (name === "APIConnectionError" || name === "APIConnectionTimeoutError") return true;
    if (code && CONNECTION_CODES.has(code)) return true;
    if (/terminated|socket hang up|other side closed|fetch failed|network|premature close|ECONNRESET/i.test(message)) return true;
  }
  return false;
}
