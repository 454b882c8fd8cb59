import { type FakeServer, startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RlmExecutor } from "./rlm-executor.js";

let server: FakeServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(async () => {
  await server.close();
});

const BLOCK_LINES = 1_000;
const NEEDLE_LINE = 412 * BLOCK_LINES + 1;
const NEEDLE = "2026-11-02T13:27:05.118Z FATAL billing ledger checksum mismatch account=ACC-90210 expected=7f3a got=0c11";

/** About 50 MB of service log (a block of 1,000 varied lines, repeated) with one unusual entry. */
function generateLog(): string {
  const services = ["api", "auth", "billing", "search", "mailer"];
  const block = Array.from({ length: BLOCK_LINES }, (_, i) => {
    const s = services[i % services.length];
    return `2026-11-02T09:${String(Math.floor(i / 17) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.000Z INFO  ${s} request id=${i} status=200 took=${i % 97}ms\n`;
  }).join("");
  return `${block.repeat(412)}${NEEDLE}\n${block.repeat(278)}`;
}

describe("RlmExecutor on a 50 MB log", () => {
  it("keeps every prompt sent to the model bounded while finding the needle", async () => {
    const content = generateLog();
    expect(content.length).toBeGreaterThan(50_000_000);
    server.enqueue(
      { text: '```repl\ncontext()\nhits = grep("FATAL|checksum")\ncount("INFO")\n```' },
      { text: '```repl\nlines(411995, 412005)\nchunks()\nhead(3)\ntail(3)\nslice(0, 100000)\nlines(1, 690001)\n```' },
      { text: '```repl\nllm_query("What is unusual here?", lines(411950, 412050))\n```' },
      { respond: (req) => ({ text: JSON.stringify(req.body).includes("ACC-90210") ? "a ledger checksum mismatch for ACC-90210" : "nothing" }) },
      { text: 'FINAL("Line 412001: billing ledger checksum mismatch for account ACC-90210.")' },
    );
    const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const result = await new RlmExecutor({ content, provider, model: "gpt-4o-mini" }).analyze("Find anything abnormal in this log.");

    expect(result.answer).toContain("ACC-90210");
    expect(result.contentType).toBe("logs");
    const first = result.trace[0]?.commands ?? [];
    expect(first[1]?.output).toBe(
      `hits = 1 matching line:\n${NEEDLE_LINE}: ${NEEDLE}`,
    );
    expect(first[2]?.output).toBe("690000");
    expect(result.subQueries[0]?.answer).toBe("a ledger checksum mismatch for ACC-90210");

    // What the server actually received: every request stays small, whatever was asked for.
    expect(server.requests).toHaveLength(5);
    for (const req of server.requests) expect(req.rawBody.length).toBeLessThan(45_000);
    const total = server.requests.reduce((n, r) => n + r.rawBody.length, 0);
    expect(total).toBeLessThan(120_000);
    expect(result.stats.compressionRatio).toBeGreaterThan(400);
  });
});
