import { type FakeServer, type RecordedRequest, startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RlmInputError } from "../errors/rlm-input-error.js";
import { RlmExecutor } from "./rlm-executor.js";
import type { RlmExecutorOptions } from "./rlm-options.js";

// The only fake is the hosted model: a local server speaking the chat-completions wire format,
// driven through the real OpenAI-compatible provider.
let server: FakeServer;
beforeEach(async () => {
  server = await startOpenAIServer();
});
afterEach(async () => {
  await server.close();
});

const log = Array.from({ length: 300 }, (_, i) => {
  const n = i + 1;
  if (n === 137) return "2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)";
  if (n === 211) return "2026-11-02T10:03:31Z ERROR db timeout after 30s (node-3)";
  return `2026-11-02T10:${String(Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}Z INFO request ${n} ok`;
}).join("\n");

function executor(options: Partial<RlmExecutorOptions> = {}) {
  const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
  return new RlmExecutor({ content: log, provider, model: "gpt-4o-mini", ...options });
}

/** The visible text of every message in a recorded chat-completions request. */
function promptText(req: RecordedRequest | undefined): string {
  const messages = (req?.body?.messages ?? []) as { content: unknown; tool_calls?: unknown }[];
  return messages
    .map((m) => (typeof m.content === "string" ? m.content : Array.isArray(m.content) ? m.content.map((p: { text?: string }) => p.text ?? "").join("") : ""))
    .join("\n");
}

const repl = (...lines: string[]) => `\`\`\`repl\n${lines.join("\n")}\n\`\`\``;

describe("RlmExecutor", () => {
  it("greps, reads the hits back and finishes with FINAL", async () => {
    server.enqueue(
      { text: `Let me search.\n${repl('grep("ERROR")')}`, usage: { inputTokens: 900, outputTokens: 20 } },
      { text: 'FINAL("The disk filled up on node-7 (line 137).")', usage: { inputTokens: 1200, outputTokens: 15 } },
    );
    const result = await executor().analyze("Why did the service fail?");
    expect(result.answer).toBe("The disk filled up on node-7 (line 137).");
    expect(result.partial).toBeUndefined();
    expect(result.iterations).toBe(2);
    expect(result.stats).toMatchObject({ inputTokens: 2100, outputTokens: 35, iterations: 2, subcalls: 0, contentChars: log.length });
    expect(result.trace[0]?.commands).toEqual([
      {
        source: 'grep("ERROR")',
        output: "2 matching lines:\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)\n211: 2026-11-02T10:03:31Z ERROR db timeout after 30s (node-3)",
        isError: false,
      },
    ]);
    // The first prompt holds the question and a first view, never the whole content.
    const first = promptText(server.requests[0]);
    expect(first).toContain("Why did the service fail?");
    expect(first).toContain("detected type: logs");
    expect(first).not.toContain("request 250 ok");
    // The second prompt carries the REPL transcript back to the model.
    expect(promptText(server.requests[1])).toContain(">>> grep(\"ERROR\")\n2 matching lines:\n137: 2026-11-02T10:02:17Z ERROR disk full");
    // charsSent is what the server received; the ratio compares it with the content's size.
    const received = server.requests.reduce((n, r) => n + (r.body.messages as { content: string }[]).reduce((m, x) => m + x.content.length, 0), 0);
    expect(result.stats.charsSent).toBe(received);
    expect(result.stats.compressionRatio).toBe(Math.round((log.length / received) * 100) / 100);
  });

  it("keeps a variable from one turn to the next and answers with FINAL(variable)", async () => {
    server.enqueue(
      { text: repl('errs = grep("ERROR")') },
      { text: repl('count("timeout", errs)', 'db = grep("db", errs)') },
      { text: "```repl\nFINAL(db)\n```" },
    );
    const result = await executor().analyze("Which database errors happened?");
    expect(promptText(server.requests[2])).toContain('>>> count("timeout", errs)\n1\n');
    expect(result.answer).toBe(
      "2 matching lines:\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)\n211: 2026-11-02T10:03:31Z ERROR db timeout after 30s (node-3)",
    );
    expect(result.iterations).toBe(3);
  });

  it("answers FINAL of an expression or an f-string with the REPL values they name", async () => {
    server.enqueue(
      { text: repl('errs = grep("ERROR")', 'first = lines(137, 137)') },
      { text: 'There are FINAL(f"{len(errs)} errors; the first: {first}")' },
    );
    expect((await executor().analyze("How many errors?")).answer).toBe(
      "2 errors; the first: 137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)",
    );
    server.enqueue({ text: repl('errs = grep("ERROR")') }, { text: '```repl\nFINAL(count("timeout", errs))\n```' });
    const counted = await executor().analyze("How many timeouts?");
    expect(counted.answer).toBe("1");
    expect(counted.partial).toBeUndefined();
  });

  it("runs independent llm_query sub-calls concurrently, each on its own slice", async () => {
    let releaseFirst!: () => void;
    const secondArrived = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const answerFromSlice = (req: RecordedRequest) => {
      const text = promptText(req);
      return { text: text.includes("disk full") ? "disk full on node-7" : text.includes("db timeout") ? "db timeout on node-3" : "nothing" };
    };
    server.enqueue(
      { text: repl('a = llm_query("What failed?", lines(130, 140))', 'b = llm_query("What failed?", lines(205, 215))') },
      {
        // The first sub-call answers only once the second has reached the server: run one after
        // the other, they would wait for each other and this answer would say so.
        respond: async (req) => {
          const concurrent = await Promise.race([secondArrived.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000))]);
          return concurrent ? answerFromSlice(req) : { text: "SEQUENTIAL" };
        },
      },
      {
        respond: (req) => {
          releaseFirst();
          return answerFromSlice(req);
        },
      },
      { text: "FINAL(\"disk full on node-7, then a db timeout on node-3\")" },
    );
    const result = await executor().analyze("What failed?");
    expect(result.subQueries.map((q) => q.answer).sort()).toEqual(["db timeout on node-3", "disk full on node-7"]);
    expect(result.stats.subcalls).toBe(2);
    const transcript = promptText(server.requests[3]);
    expect(transcript).toContain("a = disk full on node-7");
    expect(transcript).toContain("b = db timeout on node-3");
    // Each sub-call saw only its slice of eleven lines.
    for (const req of server.requests.slice(1, 3)) {
      expect(promptText(req)).toContain("Question: What failed?");
      expect(promptText(req)).not.toContain("request 100 ok");
    }
  });

  it("fans one llm_query out over chunks(n) and returns one answer per chunk", async () => {
    server.enqueue({ text: repl('answers = llm_query("Any errors?", chunks(3))') });
    const answer = (req: RecordedRequest) => ({ text: promptText(req).includes("ERROR") ? "yes" : "no" });
    server.enqueue(...Array.from({ length: 6 }, () => ({ respond: answer })));
    server.enqueue({ text: 'FINAL("errors in some parts")' });
    const result = await executor({ maxSubcalls: 6 }).analyze("Where are the errors?");
    const fanOut = result.trace[0]?.commands[0]?.output ?? "";
    const parts = fanOut.split("\n").filter((l) => /^(answers = )?\[\d+\]/.test(l));
    expect(parts.length).toBe(result.subQueries.length);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(fanOut).toMatch(/\[\d+\] yes/);
    expect(fanOut).toMatch(/\[\d+\] no/);
  });

  it("reports a bad regex as an error line in the transcript and keeps going", async () => {
    server.enqueue({ text: repl('grep("(disk")', 'count("ERROR")') }, { text: 'FINAL("2 errors")' });
    const result = await executor().analyze("How many errors?");
    expect(result.answer).toBe("2 errors");
    const transcript = promptText(server.requests[1]);
    expect(transcript).toMatch(/>>> grep\("\(disk"\)\nerror: invalid regular expression "\(disk": .*Unterminated group/);
    expect(transcript).toContain('>>> count("ERROR")\n2');
  });

  it("stops at the iteration limit and returns the best answer, marked partial", async () => {
    server.enqueue(
      { text: `Looking at errors first.\n${repl('grep("ERROR")')}` },
      { text: repl('lines(136, 138)') },
      { text: 'FINAL("Probably the full disk on node-7; the db timeout is unexplained.")' },
    );
    const result = await executor({ maxIterations: 2 }).analyze("Root cause?");
    expect(result.partial).toBe(true);
    expect(result.stopReason).toBe("max_iterations");
    expect(result.iterations).toBe(2);
    expect(result.answer).toBe("Probably the full disk on node-7; the db timeout is unexplained.");
    expect(server.requests).toHaveLength(3);
    expect(promptText(server.requests[2])).toContain("You have used all your turns");
    expect(result.trace.map((t) => t.kind)).toEqual(["root", "root", "finalize"]);
  });

  it("falls back to what was found when the token budget runs out", async () => {
    server.enqueue({ text: `The disk looks full.\n${repl('grep("disk")')}`, usage: { inputTokens: 5_000, outputTokens: 10 } });
    const result = await executor({ maxTotalTokens: 1_000 }).analyze("Root cause?");
    expect(result.partial).toBe(true);
    expect(result.stopReason).toBe("max_tokens");
    expect(server.requests).toHaveLength(1);
    expect(result.answer).toContain("The disk looks full.");
    expect(result.answer).toContain("137: 2026-11-02T10:02:17Z ERROR disk full");
  });

  it("is driven by structured tool calls for models that call tools", async () => {
    server.enqueue(
      {
        toolCalls: [
          { name: "rlm_grep", arguments: { pattern: "ERROR", save_as: "errs" } },
          { name: "rlm_count", arguments: { pattern: "node-7", source: "errs" } },
          { name: "rlm_grep", arguments: { pattern: "(" } },
        ],
      },
      { toolCalls: [{ name: "rlm_final", arguments: { answer: "disk full on node-7" } }] },
    );
    const result = await executor({ mode: "tools" }).analyze("What broke?");
    expect(result.answer).toBe("disk full on node-7");
    const tools = (server.requests[0]?.body.tools as { function: { name: string } }[]).map((t) => t.function.name);
    expect(tools).toEqual(expect.arrayContaining(["rlm_grep", "rlm_count", "rlm_llm_query", "rlm_final", "rlm_run"]));
    const toolMessages = (server.requests[1]?.body.messages as { role: string; content: string }[]).filter((m) => m.role === "tool");
    expect(toolMessages.map((m) => m.content)).toEqual([
      "errs = 2 matching lines:\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)\n211: 2026-11-02T10:03:31Z ERROR db timeout after 30s (node-3)",
      "1",
      expect.stringMatching(/^Error: error: invalid regular expression "\(":/),
    ]);
  });

  it("nudges a model that replies without commands, and runs commands written without a fence", async () => {
    server.enqueue({ text: "I think it is the disk." }, { text: 'count("disk")' }, { text: 'FINAL("disk")' });
    const result = await executor().analyze("Root cause?");
    expect(result.answer).toBe("disk");
    expect(promptText(server.requests[1])).toContain("No REPL commands found.");
    expect(promptText(server.requests[2])).toContain('>>> count("disk")\n1');
  });

  it("tells the model when a sub-call read only the start of a text longer than maxSubcallChars", async () => {
    server.enqueue(
      { text: repl("chunks(2)", 'a = llm_query("Any errors?", lines(1, 300))', 'b = llm_query("Any errors?", chunks(2))') },
      { text: "one" },
      { text: "two" },
      { text: "three" },
      { text: 'FINAL("read in part")' },
    );
    await executor({ maxSubcallChars: 2_000, maxConcurrentSubcalls: 1 }).analyze("Any errors?");
    // The helper got the start of the text and a marker of the cut.
    expect(promptText(server.requests[1])).toMatch(/\[text cut at 2000 of \d+ chars\]/);
    const transcript = promptText(server.requests[4]);
    expect(transcript).toMatch(/>>> chunks\(2\)\n2 chunks:[\s\S]*\n\[note: 2 parts are longer than 2000 chars, which is all llm_query reads of one part/);
    expect(transcript).toMatch(/a = \w+\n\[note: the text was \d+ chars; the helper read only its first 2000\./);
    expect(transcript).toMatch(/b = \[0\] \w+\n\[1\] \w+\n\[note: 2 of 2 parts were longer than 2000 chars/);
  });

  it("reads content with Windows line ends as plain lines, so $ anchors match", async () => {
    server.enqueue({ text: repl('grep("node-7\\)$")', "lines(136, 137)") }, { text: 'FINAL("node-7")' });
    const result = await executor({ content: log.replace(/\n/g, "\r\n") }).analyze("Which node?");
    expect(result.trace[0]?.commands.map((c) => c.output)).toEqual([
      "1 matching line:\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)",
      "136: 2026-11-02T10:02:16Z INFO request 136 ok\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)",
    ]);
  });

  it("runs unfenced commands before an unfenced FINAL(variable) in the same reply", async () => {
    server.enqueue({ text: 'errs = grep("ERROR")\nFINAL(errs)' });
    const result = await executor().analyze("Which errors?");
    expect(result.answer).toBe(
      "2 matching lines:\n137: 2026-11-02T10:02:17Z ERROR disk full on /var/lib/db (node-7)\n211: 2026-11-02T10:03:31Z ERROR db timeout after 30s (node-3)",
    );
    expect(result.iterations).toBe(1);
  });

  it("turns a slow sub-call into an error line once the per-call timeout passes", async () => {
    server.enqueue({ text: repl('llm_query("Summarise", lines(1, 20))') }, { text: "late", delayMs: 3_000 }, { text: 'FINAL("gave up")' });
    const result = await executor({ callTimeoutMs: 300 }).analyze("Summarise the log");
    expect(result.trace[0]?.commands[0]?.output).toMatch(/^error: llm_query failed: A model call did not answer within 300 ms/);
    expect(result.subQueries[0]?.error).toMatch(/300 ms/);
    expect(result.answer).toBe("gave up");
    // The answer was made without that sub-query: it is marked partial.
    expect(result).toMatchObject({ partial: true, stopReason: "timeout" });
    expect(result.stopDetail).toMatch(/^a sub-query timed out: A model call did not answer within 300 ms/);
  });

  it("caps a block of many commands as a whole, so one turn cannot flood the prompt", async () => {
    const many = Array.from({ length: 12 }, (_, i) => `lines(${i * 20 + 1}, ${i * 20 + 20})`);
    server.enqueue({ text: repl(...many) }, { text: 'FINAL("done")' });
    await executor({ maxResultChars: 1_000, maxPromptChars: 9_000 }).analyze("Read it all");
    const transcript = promptText(server.requests[1]);
    const shown = transcript.slice(transcript.indexOf("REPL output:"));
    expect(shown.length).toBeLessThan(3_000 + 12 * 150);
    expect(shown).toContain(">>> lines(1, 20)\n 1: 2026-11-02T10:00:01Z INFO request 1 ok");
    expect(shown).toContain(">>> lines(221, 240)\n[output not shown: this block's outputs passed 3000 chars; run this command again on its own]");
    expect(shown).not.toContain("earlier REPL output elided");
  });

  it("elides the oldest REPL outputs once the conversation passes maxPromptChars", async () => {
    server.enqueue(
      { text: repl("lines(1, 40)") },
      { text: repl("lines(100, 140)") },
      { text: repl("lines(200, 240)") },
      { text: 'FINAL("done")' },
    );
    const result = await executor({ maxPromptChars: 6_000, maxResultChars: 2_000 }).analyze("Read around.");
    expect(result.answer).toBe("done");
    const last = promptText(server.requests[3]);
    expect(last).toContain("[earlier REPL output elided to keep the prompt small; run the command again if you need it]");
    expect(last).not.toContain("request 30 ok"); // from the first output, now elided
    expect(last).toContain("request 230 ok"); // the latest output is kept
    for (const req of server.requests) expect(promptText(req).length).toBeLessThan(9_000);
  });

  it("stops with a partial answer when the caller aborts", async () => {
    const controller = new AbortController();
    server.enqueue({ text: `Disk errors so far.\n${repl('grep("disk")')}` }, { text: 'FINAL("never asked")' });
    const result = await executor({
      onEvent: (e) => {
        if (e.type === "command") controller.abort();
      },
    }).analyze("Root cause?", { signal: controller.signal });
    expect(result).toMatchObject({ partial: true, stopReason: "aborted", iterations: 1 });
    expect(result.answer).toContain("Disk errors so far.");
    expect(server.requests).toHaveLength(1);
  });

  it("gives the model an outline of code parts in its first view, matching chunk(i)", async () => {
    const code = Array.from({ length: 100 }, (_, i) => `// Step ${i}.\nexport function step${i}(x: number): number {\n  return x + ${i};\n}\n`).join("\n");
    server.enqueue({ text: repl("chunk(1)") }, { text: 'FINAL("ok")' });
    const provider = createProvider({ id: "fake", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const result = await new RlmExecutor({ content: code, provider, model: "m", maxSubcallChars: 1_000 }).analyze("What does step 12 do?");
    const first = promptText(server.requests[0]);
    expect(first).toContain("detected type: code");
    const outline = first.slice(first.indexOf("Parts (chunks()):"));
    expect(outline).toMatch(/^Parts \(chunks\(\)\):\n\[0\] lines 1-\d+: \/\/ Step 0\.\n\[1\] lines (\d+)-\d+: \/\/ Step \d+\./);
    const firstLineOfPart1 = Number(/\[1\] lines (\d+)-/.exec(outline)?.[1]);
    expect(result.trace[0]?.commands[0]?.output).toMatch(new RegExp(`^ *${firstLineOfPart1}: // Step \\d+\\.\\n`));
  });

  it("runs without sub-calls when maxSubcalls is 0, telling the model so", async () => {
    server.enqueue({ text: repl('llm_query("What failed?", lines(130, 140))') }, { text: 'FINAL("no helper")' });
    const result = await executor({ maxSubcalls: 0 }).analyze("What failed?");
    expect(result.trace[0]?.commands[0]?.output).toBe("error: sub-call limit reached (0 llm_query calls); answer with what you have");
    expect(result.subQueries).toEqual([]);
    expect(server.requests).toHaveLength(2);
    expect(result).toMatchObject({ answer: "no helper", partial: true, stopReason: "max_subcalls" });
  });

  it("marks the answer partial when the sub-call limit refused part of a fan-out", async () => {
    server.enqueue(
      { text: repl('llm_query("Any errors?", chunks(4))') },
      ...Array.from({ length: 2 }, () => ({ text: "no errors here" })),
      { text: 'FINAL("no errors in the parts read")' },
    );
    const result = await executor({ maxSubcalls: 2, maxConcurrentSubcalls: 1 }).analyze("Any errors?");
    expect(result.trace[0]?.commands[0]?.output).toMatch(/\(error: llm_query failed|\(error: sub-call limit reached \(2 llm_query calls\)/);
    expect(result.stats.subcalls).toBe(2);
    expect(result).toMatchObject({ answer: "no errors in the parts read", partial: true, stopReason: "max_subcalls" });
    expect(result.stopDetail).toBe("sub-call limit reached (2 llm_query calls): some sub-queries were refused");
  });

  it("refuses an empty query and bad limits with clear errors", async () => {
    await expect(executor().analyze("  ")).rejects.toBeInstanceOf(RlmInputError);
    expect(() => executor({ maxIterations: 0 })).toThrow(/maxIterations must be a number of at least 1, got 0/);
    expect(() => executor({ callTimeoutMs: Number.NaN })).toThrow(/callTimeoutMs must be a number of at least 1/);
  });
});
