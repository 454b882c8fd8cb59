import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createWebsearchTool } from "./websearch-tool.js";

let server: Server;
let base: string;
const seen: { url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
const ctx = (): ToolContext => ({ root: "/", signal: new AbortController().signal, permissions: allowAll, emit: () => {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({ url: req.url ?? "", headers: req.headers, body });
      const url = new URL(req.url ?? "/", "http://x");
      res.setHeader("content-type", "application/json");
      if (url.pathname === "/searx/search") {
        if (url.searchParams.get("format") !== "json") {
          res.writeHead(403);
          res.end();
          return;
        }
        // SearXNG's JSON answer: query, number_of_results, results[{url,title,content,engine,...}], answers, suggestions…
        res.end(
          JSON.stringify({
            query: url.searchParams.get("q"),
            number_of_results: 3,
            results: [
              { url: "https://a.test/1", title: "Vitest guide", content: "Fast  unit\n tests", engine: "duckduckgo", score: 2 },
              { url: "https://b.test/2", title: "Vite", content: "Build tool", engine: "bing", score: 1 },
              { url: "https://c.test/3", title: "Jest", content: "Older", engine: "bing", score: 0.5 },
            ],
            answers: [],
            suggestions: ["vitest config"],
            unresponsive_engines: [],
          }),
        );
      } else if (url.pathname === "/res/v1/web/search") {
        res.end(JSON.stringify({ type: "search", web: { type: "search", results: [{ title: "Brave hit", url: "https://brave.test", description: "desc" }] } }));
      } else if (url.pathname === "/search" && req.method === "POST") {
        res.end(JSON.stringify({ query: JSON.parse(body).query, results: [{ title: "Tavily hit", url: "https://tavily.test", content: "c", score: 0.9 }] }));
      } else {
        res.writeHead(500);
        res.end("{}");
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

describe("websearch", () => {
  it("queries a SearXNG instance's JSON API and lists titles, URLs and snippets", async () => {
    const tool = createWebsearchTool({ backend: { backend: "searxng", url: `${base}/searx` } });
    const result = await tool.execute({ query: "vitest speed", max_results: 2 }, ctx());
    const request = new URL(seen.at(-1)?.url ?? "", "http://x");
    expect(request.pathname).toBe("/searx/search");
    expect(request.searchParams.get("q")).toBe("vitest speed");
    expect(result.output).toBe("1. Vitest guide\n   https://a.test/1\n   Fast unit tests\n2. Vite\n   https://b.test/2\n   Build tool");
  });

  it("sends the injected key to Brave and Tavily", async () => {
    const brave = createWebsearchTool({ backend: { backend: "brave", apiKey: "brave-key", baseUrl: base } });
    expect((await brave.execute({ query: "q" }, ctx())).output).toContain("Brave hit");
    expect(seen.at(-1)?.headers["x-subscription-token"]).toBe("brave-key");
    const tavily = createWebsearchTool({ backend: { backend: "tavily", apiKey: "tvly-key", baseUrl: base } });
    expect((await tavily.execute({ query: "q2", max_results: 4 }, ctx())).output).toContain("Tavily hit");
    expect(seen.at(-1)?.headers.authorization).toBe("Bearer tvly-key");
    expect(JSON.parse(seen.at(-1)?.body ?? "{}")).toEqual({ query: "q2", max_results: 4 });
  });

  it("answers with a not-configured error that says how to configure [websearch]", async () => {
    const registry = new ToolRegistry([createWebsearchTool()], { outputBudget: false });
    const result = await registry.execute("websearch", { query: "anything" }, ctx());
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/Web search is not configured/);
    expect(result.output).toMatch(/\[websearch\]\n\s+backend = "searxng"/);
  });

  it("reports a failing backend with its HTTP status", async () => {
    const registry = new ToolRegistry([createWebsearchTool({ backend: { backend: "searxng", url: `${base}/broken` } })], { outputBudget: false });
    const result = await registry.execute("websearch", { query: "x" }, ctx());
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/searxng search backend answered HTTP 500/);
  });
});
