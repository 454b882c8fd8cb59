export interface WebSearchResult {
  title: string;
  url: string;
  snippet: string;
}

/** Where `websearch` sends queries. The caller resolves any API key (tools never read secrets themselves). */
export type WebSearchBackendConfig =
  | { backend: "searxng"; url: string }
  | { backend: "brave"; apiKey: string; baseUrl?: string }
  | { backend: "tavily"; apiKey: string; baseUrl?: string };
