import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, type PermissionRequest, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createWebfetchTool } from "./webfetch-tool.js";

const PAGE = `<!doctype html><html><head><title>T</title><style>body{color:red}</style>
<script>window.tracking = "SCRIPT-NOISE";</script></head><body>
<nav><a href="/home">NAV-NOISE</a></nav>
<h1>Install guide</h1>
<p>Run <code>npm install</code> then read <a href="https://example.test/docs">the docs</a> &amp; enjoy.</p>
<ul><li>first</li><li>second</li></ul>
<pre><code>const x = 1;</code></pre>
<footer>FOOTER-NOISE</footer>
</body></html>`;

let server: Server;
let requests = 0;
let base: string;
const ctx = (signal = new AbortController().signal): ToolContext => ({ root: "/", signal, permissions: allowAll, emit: () => {} });

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const url = req.url ?? "/";
    if (url === "/page") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PAGE);
    } else if (url === "/plain") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("just <text>");
    } else if (url.startsWith("/hop/")) {
      const n = Number(url.slice(5));
      res.writeHead(302, { location: n <= 1 ? "/page" : `/hop/${n - 1}` });
      res.end();
    } else if (url === "/docs/guide") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<html><head><title>Guide title</title></head><body><p>See <a href="../api/x.html">the API</a> and <a href="#top">top</a>.</p>` +
          `<img src="img/a.png" alt="diagram"><table><thead><tr><th>flag</th><th>meaning</th></tr></thead>` +
          `<tbody><tr><td><code>-v</code></td><td>verbose | loud</td></tr><tr><td>-q</td><td>quiet</td></tr></tbody></table></body></html>`,
      );
    } else if (url === "/to-guide") {
      res.writeHead(302, { location: "/docs/guide" });
      res.end();
    } else if (url === "/to-file") {
      res.writeHead(301, { location: "file:///etc/passwd" });
      res.end();
    } else if (url === "/slow") {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("late");
      }, 2000).unref();
    } else if (url === "/huge") {
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = "x".repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent++;
        if (sent >= 200) res.end();
        else res.once("drain", pump);
      };
      res.on("error", () => {});
      pump();
    } else if (url === "/logo.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff]));
    } else if (url === "/boom") {
      res.writeHead(503);
      res.end("down");
    } else {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<h1>Not here</h1>");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("webfetch", () => {
  it("turns an HTML page into clean markdown without scripts, styles or navigation", async () => {
    const result = await createWebfetchTool().execute({ url: `${base}/page`, format: "markdown" }, ctx());
    expect(result.output).toContain("# Install guide");
    expect(result.output).toContain("Run `npm install` then read [the docs](https://example.test/docs) & enjoy.");
    expect(result.output).toMatch(/-\s+first\n-\s+second/);
    expect(result.output).toContain("```\nconst x = 1;\n```");
    for (const noise of ["SCRIPT-NOISE", "NAV-NOISE", "FOOTER-NOISE", "color:red"]) expect(result.output).not.toContain(noise);
  });

  it("keeps tables as pipe tables, resolves relative links against the final URL, and drops the title", async () => {
    const result = await createWebfetchTool().execute({ url: `${base}/to-guide`, format: "markdown" }, ctx());
    expect(result.output).toContain(`See [the API](${base}/api/x.html) and [top](${base}/docs/guide#top).`);
    expect(result.output).toContain(`![diagram](${base}/docs/img/a.png)`);
    expect(result.output).toContain("| flag | meaning |\n| --- | --- |\n| `-v` | verbose \\| loud |\n| -q | quiet |");
    expect(result.output).not.toContain("Guide title");
  });

  it("returns plain text by stripping tags, and raw html when asked", async () => {
    const text = await createWebfetchTool().execute({ url: `${base}/page`, format: "text" }, ctx());
    expect(text.output).toMatch(/Install guide\n+Run npm install then read the docs & enjoy\./);
    expect(text.output).not.toContain("NAV-NOISE");
    expect(text.output).not.toMatch(/<[a-z]/);
    expect(text.output).not.toContain("SCRIPT-NOISE");
    const html = await createWebfetchTool().execute({ url: `${base}/page`, format: "html" }, ctx());
    expect(html.output).toBe(PAGE);
    const plain = await createWebfetchTool().execute({ url: `${base}/plain`, format: "markdown" }, ctx());
    expect(plain.output).toBe("just <text>");
    const image = await createWebfetchTool().execute({ url: `${base}/logo.png`, format: "text" }, ctx());
    expect(image.output).toBe(`${base}/logo.png is binary content (image/png, 7 characters read); it cannot be shown as text.`);
  });

  it("follows redirects up to the limit and reports the final URL", async () => {
    const result = await createWebfetchTool({ maxRedirects: 3 }).execute({ url: `${base}/hop/3`, format: "text" }, ctx());
    expect(result.metadata).toMatchObject({ url: `${base}/page`, redirects: 3 });
    const registry = new ToolRegistry([createWebfetchTool({ maxRedirects: 3 })], { outputBudget: false });
    const tooMany = await registry.execute("webfetch", { url: `${base}/hop/4`, format: "text" }, ctx());
    expect(tooMany.isError).toBe(true);
    expect(tooMany.output).toMatch(/Stopped after 3 redirects/);
  });

  it("names the HTTP status of a 404 or 503 and refuses non-http URLs, also behind a redirect", async () => {
    const registry = new ToolRegistry([createWebfetchTool()], { outputBudget: false });
    const missing = await registry.execute("webfetch", { url: `${base}/nothing`, format: "markdown" }, ctx());
    expect(missing.isError).toBe(true);
    expect(missing.output).toMatch(/answered HTTP 404 Not Found/);
    const down = await registry.execute("webfetch", { url: `${base}/boom`, format: "text" }, ctx());
    expect(down.output).toMatch(/HTTP 503/);
    const file = await registry.execute("webfetch", { url: "file:///etc/passwd", format: "text" }, ctx());
    expect(file.output).toMatch(/Only http and https URLs/);
    const hop = await registry.execute("webfetch", { url: `${base}/to-file`, format: "text" }, ctx());
    expect(hop.output).toMatch(/Only http and https URLs/);
  });

  it("asks the webfetch permission with the URL and fetches nothing when refused", async () => {
    const asked: PermissionRequest[] = [];
    const hits = requests;
    const deny = { request: async (r: PermissionRequest) => (asked.push(r), false) };
    const registry = new ToolRegistry([createWebfetchTool()], { outputBudget: false });
    const result = await registry.execute("webfetch", { url: `${base}/page`, format: "text" }, { ...ctx(), permissions: deny });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/Permission "webfetch" denied/);
    expect(asked).toEqual([{ permission: "webfetch", pattern: `${base}/page`, title: `Fetch ${base}/page` }]);
    expect(requests).toBe(hits);
  });

  it("gives up on a slow server after its timeout with a clear error", async () => {
    const registry = new ToolRegistry([createWebfetchTool({ timeoutMs: 200 })], { outputBudget: false });
    const started = Date.now();
    const result = await registry.execute("webfetch", { url: `${base}/slow`, format: "text" }, ctx());
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/took longer than 200 ms/);
  });

  it("stops downloading a huge body at the size cap and cuts the answer to max_chars", async () => {
    const tool = createWebfetchTool({ maxBytes: 256 * 1024 });
    const result = await tool.execute({ url: `${base}/huge`, format: "text", max_chars: 1000 }, ctx());
    expect(result.metadata?.truncated).toBe(true);
    expect(result.output.startsWith("x".repeat(1000) + "\n\n[")).toBe(true);
    expect(result.output).toContain("larger than the download limit");
    expect(result.output).toContain(`showing the first 1000 of ${256 * 1024} characters`);
  });
});
