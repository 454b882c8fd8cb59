import type { RlmCondenser as AgentLoopCondenser } from "@codetether/agent-loop";
import { type FakeServer, startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRlmCondenser } from "./rlm-condenser.js";

let server: FakeServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const output = Array.from({ length: 5_000 }, (_, i) =>
  i === 3_210 ? "src/billing/ledger.ts:88:5 - error TS2322: Type 'string' is not assignable to type 'number'." : `src/gen/file${i}.ts: ok`,
).join("\n");

describe("createRlmCondenser", () => {
  it("condenses a huge tool result into what the query needs, within maxChars, with stats", async () => {
    server.enqueue(
      { text: '```repl\ngrep("error")\n```', usage: { inputTokens: 800, outputTokens: 12 } },
      { text: 'FINAL("1 error: src/billing/ledger.ts:88:5 TS2322 string is not assignable to number (line 3211).")', usage: { inputTokens: 900, outputTokens: 30 } },
    );
    const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    // The agent loop accepts it as its RlmCondenser (checked by the typecheck, not at run time).
    const condenser: AgentLoopCondenser = createRlmCondenser({ provider, model: "gpt-4o-mini" });
    const out = await condenser.condense({ content: output, toolName: "bash", query: "fix the type errors", maxChars: 2_000 });
    expect(out.text).toBe("1 error: src/billing/ledger.ts:88:5 TS2322 string is not assignable to number (line 3211).");
    expect(out.stats).toMatchObject({ inputTokens: 1_700, outputTokens: 42, iterations: 2, subcalls: 0, partial: 0, contentChars: output.length });
    expect(out.stats?.compressionRatio).toBeGreaterThan(5);
    const firstPrompt = JSON.stringify(server.requests[0]?.body.messages);
    expect(firstPrompt).toContain("The `bash` tool returned the content");
    expect(firstPrompt).toContain("fix the type errors");
    expect(firstPrompt).toContain("under 2000 characters");
  });

  it("marks a partial result and cuts it to maxChars", async () => {
    server.enqueue({ text: `${"Still looking. ".repeat(40)}\n\`\`\`repl\ncount("ok")\n\`\`\`` }, { text: "no final answer either" });
    const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const out = await createRlmCondenser({ provider, model: "gpt-4o-mini", maxIterations: 1 }).condense({
      content: output,
      toolName: "bash",
      query: "anything wrong?",
      maxChars: 300,
    });
    expect(out.text.length).toBeLessThanOrEqual(300);
    expect(out.text).toContain("no final answer either");
    expect(out.stats?.partial).toBe(1);
  });
});
