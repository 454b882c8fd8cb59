import type { WebSearchBackendConfig, WebSearchResult } from "./search-backend.js";
import { WebSearchError } from "./web-search-error.js";

interface Request {
  url: URL;
  init: RequestInit;
  pick: (json: unknown) => unknown[];
  map: (item: Record<string, unknown>) => WebSearchResult;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

function requestFor(config: WebSearchBackendConfig, query: string, max: number): Request {
  switch (config.backend) {
    case "searxng": {
      const url = new URL("search", config.url.endsWith("/") ? config.url : `${config.url}/`);
      url.searchParams.set("format", "json");
      url.searchParams.set("q", query);
      return {
        url,
        init: { headers: { accept: "application/json" } },
        pick: (json) => ((json as { results?: unknown[] }).results ?? []),
        map: (r) => ({ title: str(r.title), url: str(r.url), snippet: str(r.content) }),
      };
    }
    case "brave": {
      const url = new URL("res/v1/web/search", config.baseUrl ?? "https://api.search.brave.com/");
      url.searchParams.set("q", query);
      url.searchParams.set("count", String(Math.min(max, 20)));
      return {
        url,
        init: { headers: { accept: "application/json", "x-subscription-token": config.apiKey } },
        pick: (json) => ((json as { web?: { results?: unknown[] } }).web?.results ?? []),
        map: (r) => ({ title: str(r.title), url: str(r.url), snippet: str(r.description) }),
      };
    }
    case "tavily": {
      return {
        url: new URL("search", config.baseUrl ?? "https://api.tavily.com/"),
        init: {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
          body: JSON.stringify({ query, max_results: max }),
        },
        pick: (json) => ((json as { results?: unknown[] }).results ?? []),
        map: (r) => ({ title: str(r.title), url: str(r.url), snippet: str(r.content) }),
      };
    }
  }
}

/** Sends one query to the configured backend and normalises its results. */
export async function runWebSearch(
  config: WebSearchBackendConfig,
  query: string,
  maxResults: number,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<WebSearchResult[]> {
  const request = requestFor(config, query, maxResults);
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let json: unknown;
  try {
    const response = await fetch(request.url, { ...request.init, signal });
    if (!response.ok) {
      throw new WebSearchError(
        "websearch_backend_failed",
        `The ${config.backend} search backend answered HTTP ${response.status}.`,
        response.status === 401 || response.status === 403
          ? "Check the API key given to the websearch backend."
          : config.backend === "searxng"
            ? "Check [websearch] url, and that the instance enables the json format (search.formats in settings.yml)."
            : "Try again later.",
      );
    }
    json = await response.json();
  } catch (error) {
    if (error instanceof WebSearchError || options.signal?.aborted) throw error;
    throw new WebSearchError(
      "websearch_backend_failed",
      `The ${config.backend} search backend could not be reached: ${(error as Error).message}.`,
      "Check the [websearch] settings and that the backend is up.",
      error,
    );
  }
  return request
    .pick(json)
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
    .map(request.map)
    .filter((r) => r.url !== "")
    .slice(0, maxResults);
}
