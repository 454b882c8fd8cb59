import { WebFetchError } from "./web-fetch-error.js";

export interface FetchPageOptions {
  timeoutMs: number;
  maxRedirects: number;
  /** Bytes of body read at most; the rest is not downloaded. */
  maxBytes: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface FetchedPage {
  url: string;
  status: number;
  contentType: string;
  body: string;
  /** The body was longer than `maxBytes` and was cut. */
  truncated: boolean;
  redirects: number;
}

export function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebFetchError("webfetch_bad_url", `"${raw}" is not a valid URL.`, { hint: "Pass an absolute http:// or https:// URL." });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebFetchError("webfetch_bad_url", `Only http and https URLs can be fetched, not ${url.protocol}`, {
      hint: "Read local files with read_file instead.",
    });
  }
  return url;
}

async function readCapped(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > maxBytes) {
      parts.push(value.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      await reader.cancel();
      break;
    }
    parts.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  return { bytes, truncated };
}

function charsetOf(contentType: string): string {
  const match = /charset=["']?([\w-]+)/i.exec(contentType);
  try {
    return new TextDecoder(match?.[1] ?? "utf-8").encoding;
  } catch {
    return "utf-8";
  }
}

/**
 * GETs a URL following redirects by hand, so every hop is checked to be http(s) and counted, with
 * one deadline for the whole exchange and a cap on the bytes read.
 */
export async function fetchPage(raw: string, options: FetchPageOptions): Promise<FetchedPage> {
  let url = parseHttpUrl(raw);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { redirect: "manual", signal, headers: options.headers });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= options.maxRedirects) {
          throw new WebFetchError("webfetch_too_many_redirects", `Stopped after ${options.maxRedirects} redirects at ${url.href}.`, {
            hint: "The site redirects in a loop or too often; try the final URL directly.",
          });
        }
        url = parseHttpUrl(new URL(location, url).href);
        continue;
      }
      if (response.status >= 400) {
        await response.body?.cancel();
        throw new WebFetchError(
          "webfetch_http_status",
          `${url.href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}.`,
          {
            status: response.status,
            hint: response.status === 404 ? "Check the URL; the page does not exist." : "The server refused or failed the request.",
          },
        );
      }
      const contentType = response.headers.get("content-type") ?? "";
      const { bytes, truncated } = await readCapped(response, options.maxBytes);
      const body = new TextDecoder(charsetOf(contentType)).decode(bytes);
      return { url: url.href, status: response.status, contentType, body, truncated, redirects };
    }
  } catch (error) {
    if (error instanceof WebFetchError) throw error;
    if (timeout.aborted && !options.signal?.aborted) {
      throw new WebFetchError("webfetch_timeout", `Fetching ${url.href} took longer than ${options.timeoutMs} ms.`, {
        hint: "The server is slow or unreachable; try again later or another source.",
        cause: error,
      });
    }
    if (options.signal?.aborted) throw error;
    throw new WebFetchError("webfetch_network", `Could not fetch ${url.href}: ${(error as Error).message}.`, {
      hint: "Check the host name and that the machine can reach it.",
      cause: error,
    });
  }
}
