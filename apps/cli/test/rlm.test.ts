import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeServer, startOpenAIServer } from "@codetether/fixtures";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, cliPath, makeSandbox, runCli } from "./helpers.js";

let server: FakeServer;
let s: Sandbox;
beforeEach(async () => {
  server = await startOpenAIServer();
  s = makeSandbox();
  const dir = join(s.home, ".config", "codetether-agent");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "config.toml"),
    `default_model = "fake/gpt-4o-mini"\n[providers.fake]\ntype = "openai-compatible"\nbase_url = "${server.url}/v1"\n`,
  );
  mkdirSync(join(s.cwd, "logs", "old"), { recursive: true });
  writeFileSync(join(s.cwd, "logs", "api.log"), "2026-11-02 10:00:00 INFO up\n2026-11-02 10:00:09 ERROR upstream 502 from billing\n");
  writeFileSync(join(s.cwd, "logs", "old", "api.log"), "2026-11-01 09:00:00 INFO up\n");
  writeFileSync(join(s.cwd, "logs", "notes.txt"), "not a log\n");
});
afterEach(async () => {
  await server.close();
});

const messagesOf = (i: number) => JSON.stringify(server.requests[i]?.body.messages ?? []);

describe("codetether rlm (built binary)", () => {
  it("explores files matched by a glob, joined under FILE markers, and prints the answer with its stats", async () => {
    server.enqueue(
      { text: '```repl\ngrep("ERROR|=== FILE")\n```' },
      { text: '```repl\nllm_query("Which service failed?", lines(1, 3))\n```' },
      { text: "billing" },
      { text: 'FINAL("billing returned 502 to the api (logs/api.log line 3).")' },
    );
    const result = await runCli(["rlm", "What went wrong?", "-f", "logs/**/*.log"], s);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = result.stdout.split("\n");
    expect(out[0]).toBe("billing returned 502 to the api (logs/api.log line 3).");
    expect(result.stdout).toMatch(/iterations: 3 {3}sub-queries: 1 {3}elapsed: \d+\.\d s {3}model: fake\/gpt-4o-mini/);
    expect(result.stdout).toContain("  1. Which service failed? (");
    expect(result.stdout).toContain("→ billing");
    // A few lines of logs cost more to explore than to send whole, and the stats say so.
    expect(result.stdout).toMatch(/sent to the model: [\d,]+ chars \([\d.,]+× the content: small enough to just ask the model\)/);
    // The glob matched both api.log files and not notes.txt; each sits under its own marker.
    const transcript = messagesOf(1);
    expect(transcript).toContain("1: === FILE: logs/api.log ===");
    expect(transcript).toContain("3: 2026-11-02 10:00:09 ERROR upstream 502 from billing");
    expect(transcript).toContain("4: === FILE: logs/old/api.log ===");
    expect(transcript).not.toContain("notes.txt");
    expect(messagesOf(0)).toContain("What went wrong?");
  });

  it("takes the question after -f's files, where -f would otherwise swallow it", async () => {
    server.enqueue({ text: 'FINAL("billing")' });
    const result = await runCli(["rlm", "-f", "logs/api.log", "logs/old/api.log", "Which service failed?"], s);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("billing");
    expect(messagesOf(0)).toContain("Question: Which service failed?");
    expect(messagesOf(0)).toContain("=== FILE: logs/old/api.log ===");
  });

  it("reads --content - from stdin and prints the whole result as JSON", async () => {
    server.enqueue({ text: '```repl\nn = count("timeout")\n```' }, { text: "```repl\nFINAL(n)\n```" });
    const stdin = Array.from({ length: 40 }, (_, i) => `line ${i} ${i % 4 === 0 ? "timeout" : "ok"}`).join("\n");
    const result = await runCli(["rlm", "How many timeouts?", "--content", "-", "--json"], s, stdin);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, any>;
    expect(json.answer).toBe("10");
    expect(json.iterations).toBe(2);
    expect(json.model).toBe("fake/gpt-4o-mini");
    expect(json.subQueries).toEqual([]);
    expect(Object.keys(json.stats)).toEqual(expect.arrayContaining(["inputTokens", "outputTokens", "iterations", "subcalls", "elapsedMs", "compressionRatio"]));
    expect(json.stats.contentChars).toBe(stdin.length);
    expect(json.trace[0].commands[0]).toEqual({ source: 'n = count("timeout")', output: "n = 10", isError: false });
  });

  it("uses --model and stops at --max-iterations, saying the answer is partial", async () => {
    server.enqueue({ text: 'Checking.\n```repl\ngrep("ERROR")\n```' }, { text: 'FINAL("probably billing")' });
    const result = await runCli(["rlm", "What failed?", "-f", "logs/api.log", "--max-iterations", "1", "--model", "fake/gpt-4.1"], s);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("model: fake/gpt-4.1");
    expect(server.requests.map((r) => r.body.model)).toEqual(["gpt-4.1", "gpt-4.1"]);
    expect(result.stdout.split("\n")[0]).toBe("probably billing");
    expect(result.stdout).toContain("partial answer: iteration limit reached (1)");
    expect(server.requests).toHaveLength(2);
  });

  it("on Ctrl-C prints the partial answer found so far and exits 130", async () => {
    server.enqueue({ text: 'Looking.\n```repl\ngrep("ERROR")\n```' }, { text: 'FINAL("too late")', delayMs: 20_000 });
    const child = spawn(process.execPath, [cliPath, "rlm", "What failed?", "-f", "logs/api.log"], { cwd: s.cwd, env: s.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    let exited = false;
    void closed.then(() => (exited = true));
    // Interrupt once the second model call is waiting on the server (unless the CLI already failed).
    while (server.requests.length < 2 && !exited) await new Promise((r) => setTimeout(r, 20));
    expect(stderr).toBe("");
    child.kill("SIGINT");
    const code = await closed;
    expect(code).toBe(130);
    expect(stdout).toContain("Looking.");
    expect(stdout).toContain("3: 2026-11-02 10:00:09 ERROR upstream 502 from billing");
    expect(stdout).toContain("partial answer: The RLM run was aborted.");
  });

  it("takes its model and limits from the [rlm] table of the config", async () => {
    writeFileSync(
      join(s.home, ".config", "codetether-agent", "config.toml"),
      `default_model = "moonshotai/kimi-k2.5"\n[rlm]\nmodel = "fake/gpt-4o-mini"\nmax_iterations = 1\n[providers.fake]\ntype = "openai-compatible"\nbase_url = "${server.url}/v1"\n`,
    );
    server.enqueue({ text: '```repl\ncount("ERROR")\n```' }, { text: 'FINAL("one error")' });
    const result = await runCli(["rlm", "How many errors?", "-f", "logs/api.log"], s);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("model: fake/gpt-4o-mini");
    expect(result.stdout).toContain("partial answer: iteration limit reached (1)");
    expect(server.requests[0]?.body.model).toBe("gpt-4o-mini");
  });

  it("rejects a missing content source with exit 2 and a glob matching nothing with exit 1", async () => {
    const none = await runCli(["rlm", "What failed?"], s);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Give the content to explore: -f <file, directory or glob>");
    const nomatch = await runCli(["rlm", "What failed?", "-f", "logs/*.json"], s);
    expect(nomatch.code).toBe(1);
    expect(nomatch.stderr).toContain("logs/*.json: no file matches.");
    expect(nomatch.stderr).toContain("quote globs");
    const badIter = await runCli(["rlm", "q", "-f", "logs", "--max-iterations", "0"], s);
    expect(badIter.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });
});
