import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { runCli, makeSandbox } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function sandboxWith(...args: Parameters<typeof fakeProviderSandbox>) {
  const made = await fakeProviderSandbox(...args);
  servers.push(made.server);
  return made;
}

const NO_TITLE = "[session]\nauto_title = false";

describe("codetether run (built binary)", () => {
  it("does a multi-step task — reads, edits, runs the tests — and prints the answer and the session id", async () => {
    const { sandbox, server } = await sandboxWith(
      [
        { toolCalls: [{ name: "read_file", arguments: { path: "math.js" } }] },
        { toolCalls: [{ name: "edit", arguments: { path: "math.js", old_string: "return a - b;", new_string: "return a + b;" } }] },
        { toolCalls: [{ name: "bash", arguments: { command: "node test.js" } }] },
        {
          respond: (req) => {
            const last = req.body.messages.at(-1);
            return { text: `Fixed add(); the tests say: ${String(last.content).trim()}` };
          },
        },
        { text: "Fix add function" },
      ],
    );
    writeFileSync(join(sandbox.cwd, "math.js"), "export function add(a, b) {\n  return a - b;\n}\n");
    writeFileSync(
      join(sandbox.cwd, "test.js"),
      'import { add } from "./math.js";\nif (add(2, 3) !== 5) { console.log("FAIL"); process.exit(1); }\nconsole.log("all 1 tests passed");\n',
    );
    writeFileSync(join(sandbox.cwd, "package.json"), '{ "type": "module" }\n');
    const result = await runCli(["run", "--yes", "fix the add function"], sandbox);
    expect(result.stderr).toContain("→ read_file");
    expect(result.code).toBe(0);
    expect(readFileSync(join(sandbox.cwd, "math.js"), "utf8")).toContain("return a + b;");
    expect(result.stdout.trim()).toMatch(/^Fixed add\(\); the tests say: all 1 tests passed/);
    expect(result.stderr).toMatch(/→ edit[\s\S]*→ bash/);
    const id = result.stderr.match(/Session (ses_\w+)/)?.[1];
    expect(id).toBeDefined();
    // The title was asked of the model after the first exchange.
    const list = JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout);
    expect(list).toMatchObject([{ id, title: "Fix add function", messages: 8 }]);
    const requests = chatRequests(server);
    expect(requests).toHaveLength(5);
    expect(requests[0].messages[0].content).toContain("You are CodeTether");
    expect(requests[0].tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(expect.arrayContaining(["read_file", "edit", "bash", "subagent"]));
  });

  it("--format jsonl prints the event stream, one JSON object with a type per line", async () => {
    const { sandbox } = await sandboxWith([{ toolCalls: [{ name: "list_dir", arguments: { path: "." } }] }, { text: "There is one file." }], NO_TITLE);
    writeFileSync(join(sandbox.cwd, "a.txt"), "a");
    const result = await runCli(["run", "--format", "jsonl", "what is here?"], sandbox);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    const events = lines.map((l) => JSON.parse(l));
    expect(events.every((e) => typeof e.type === "string")).toBe(true);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe("start");
    expect(types.at(-1)).toBe("done");
    expect(types).toEqual(expect.arrayContaining(["step", "text_delta", "tool_call_start", "tool_call_end", "message"]));
    expect(events[0].sessionId).toMatch(/^ses_/);
    expect(events.at(-1)).toMatchObject({ reason: "done", text: "There is one file.", steps: 2 });
    expect(events.find((e) => e.type === "tool_call_end")).toMatchObject({ tool: "list_dir", success: true });
  });

  it("--format json prints one result object", async () => {
    const { sandbox, server } = await sandboxWith([{ text: "42", usage: { inputTokens: 30, outputTokens: 2 } }], NO_TITLE);
    const result = await runCli(["run", "--format", "json", "--no-tools", "--model", "fake/other-model", "the answer?"], sandbox);
    expect(result.code).toBe(0);
    expect(chatRequests(server)[0].model).toBe("other-model");
    expect(JSON.parse(result.stdout)).toMatchObject({
      text: "42",
      reason: "done",
      steps: 1,
      usage: { inputTokens: 30, outputTokens: 2 },
      model: "fake/other-model",
      agent: "build",
      sessionId: expect.stringMatching(/^ses_/),
    });
  });

  it("denies a permission ask without a TTY unless --yes", async () => {
    const touch = { toolCalls: [{ name: "bash", arguments: { command: "touch created.txt" } }] };
    const { sandbox, server } = await sandboxWith([touch, { text: "tried" }, touch, { text: "done" }], NO_TITLE);
    const denied = await runCli(["run", "make the file"], sandbox);
    expect(denied.code).toBe(0);
    expect(existsSync(join(sandbox.cwd, "created.txt"))).toBe(false);
    const toolMessage = chatRequests(server)[1].messages.find((m: { role: string }) => m.role === "tool");
    expect(toolMessage.content).toMatch(/headless|denied|not allowed|permission/i);
    const allowed = await runCli(["run", "--yes", "make the file"], sandbox);
    expect(allowed.code).toBe(0);
    expect(existsSync(join(sandbox.cwd, "created.txt"))).toBe(true);
  });

  it("continues the latest session with -c and a given one with -s", async () => {
    const { sandbox, server } = await sandboxWith([{ text: "Noted: 42." }, { text: "It was 42." }, { text: "Other." }, { text: "Back to the first." }], NO_TITLE);
    const first = await runCli(["run", "--no-tools", "remember 42"], sandbox);
    const firstId = first.stderr.match(/Session (ses_\w+)/)?.[1];
    const again = await runCli(["run", "--no-tools", "-c", "what number?"], sandbox);
    expect(again.stdout.trim()).toBe("It was 42.");
    expect(again.stderr).toContain(`Session ${firstId}`);
    expect(chatRequests(server)[1].messages.slice(1)).toEqual([
      { role: "user", content: "remember 42" },
      { role: "assistant", content: "Noted: 42." },
      { role: "user", content: "what number?" },
    ]);
    await runCli(["run", "--no-tools", "a new topic"], sandbox);
    const resumed = await runCli(["run", "--no-tools", "-s", firstId as string, "and now?"], sandbox);
    expect(resumed.stderr).toContain(`Session ${firstId}`);
    expect(chatRequests(server)[3].messages.filter((m: { role: string }) => m.role === "user").map((m: { content: string }) => m.content)).toEqual([
      "remember 42",
      "what number?",
      "and now?",
    ]);
  });

  it("ends a provider failure with a typed error, keeps the session, and -c continues it", async () => {
    const { sandbox, server } = await sandboxWith(
      [{ fault: { kind: "http", status: 400, message: "context too long for this deployment" } }, { text: "Recovered." }],
      NO_TITLE,
    );
    const failed = await runCli(["run", "--no-tools", "hello"], sandbox);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("context too long for this deployment");
    expect(failed.stderr).toMatch(/stopped: error; continue with codetether run -c/);
    const resumed = await runCli(["run", "--no-tools", "-c", "try again"], sandbox);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout.trim()).toBe("Recovered.");
    expect(chatRequests(server)[1].messages.slice(1).map((m: { content: string }) => m.content)).toEqual(["hello", "try again"]);
  });

  it("rides out a 429 storm within the provider's retries, and past them ends with a typed error that -c recovers from", async () => {
    const limited = { fault: { kind: "http" as const, status: 429, message: "Rate limit reached for requests", retryAfter: 0 } };
    const { sandbox, server } = await sandboxWith([limited, limited, limited, { text: "Made it." }, limited, limited, limited, limited, { text: "After the storm." }], NO_TITLE);
    const first = await runCli(["run", "--no-tools", "one"], sandbox);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe("Made it.");
    const stormy = await runCli(["run", "--no-tools", "-c", "two"], sandbox);
    expect(stormy.code).toBe(1);
    expect(stormy.stderr).toMatch(/rate limit/i);
    expect(stormy.stderr).toContain("continue with codetether run -c");
    const after = await runCli(["run", "--no-tools", "-c", "three"], sandbox);
    expect(after.stdout.trim()).toBe("After the storm.");
    expect(chatRequests(server).at(-1).messages.slice(1).map((m: { content: string }) => m.content)).toEqual(["one", "Made it.", "two", "three"]);
  });

  it("--no-tools chats without tools and -f attaches files", async () => {
    const { sandbox, server } = await sandboxWith([{ text: "It lists two items." }], NO_TITLE);
    writeFileSync(join(sandbox.cwd, "notes.txt"), "- milk\n- eggs\n");
    const result = await runCli(["run", "--no-tools", "-f", "notes.txt", "summarise"], sandbox);
    expect(result.code).toBe(0);
    const [request] = chatRequests(server);
    expect(request.tools).toBeUndefined();
    expect(JSON.stringify(request.messages.at(-1))).toContain("- milk\\n- eggs");
    const missing = await runCli(["run", "-f", "nope.txt", "x"], sandbox);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot attach nope.txt: no such file");
  });

  it("--agent plan offers only read-only tools; --max-steps stops the loop", async () => {
    const look = (p: string) => ({ toolCalls: [{ name: "list_dir", arguments: { path: p } }] });
    const { sandbox, server } = await sandboxWith([{ text: "plan: 1. do it" }, look("."), look("src"), { text: "unreached" }], NO_TITLE);
    const plan = await runCli(["run", "--agent", "plan", "plan it"], sandbox);
    expect(plan.code).toBe(0);
    const names = chatRequests(server)[0].tools.map((t: { function: { name: string } }) => t.function.name);
    expect(names).toContain("read_file");
    expect(names).not.toContain("edit");
    expect(names).not.toContain("write_file");
    const limited = await runCli(["run", "--max-steps", "2", "look around"], sandbox);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toContain("stopped: max_steps");
    const zero = await runCli(["run", "--max-steps", "0", "x"], sandbox);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--max-steps must be a positive whole number");
    const unknown = await runCli(["run", "--agent", "nobody", "x"], sandbox);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No agent named "nobody"');
  });
});

describe("codetether run with custom agents", () => {
  it("runs an agent from .codetether/agents/*.md with its prompt, tools and model; refuses unknown tool names", async () => {
    const { sandbox, server } = await sandboxWith([{ text: "Docs written." }], `${NO_TITLE}\n[agents.typo]\nprompt = "x"\ntools = ["read"]`);
    mkdirSync(join(sandbox.cwd, ".codetether", "agents"), { recursive: true });
    writeFileSync(
      join(sandbox.cwd, ".codetether", "agents", "docs.md"),
      "---\ndescription: Writes docs\nmodel: fake/docs-model\ntools: [read_file, write_file]\nmax_steps: 4\n---\nYou write documentation.\n",
    );
    const result = await runCli(["run", "--agent", "docs", "--format", "json", "document it"], sandbox);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ agent: "docs", model: "fake/docs-model", text: "Docs written." });
    const [request] = chatRequests(server);
    expect(request.model).toBe("docs-model");
    expect(request.messages[0].content).toMatch(/^You write documentation\./);
    expect(request.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["read_file", "write_file"]);

    const typo = await runCli(["run", "--agent", "typo", "x"], sandbox);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/config \[agents\.typo\].*does not exist: read \(available: .*read_file/);
    expect(chatRequests(server)).toHaveLength(1);
    expect(JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout)).toHaveLength(1);
  });
});

describe("codetether run with a sub-agent", () => {
  it("shows the sub-agent's tool calls indented under its call, and counts its usage in the session", async () => {
    const { sandbox } = await sandboxWith(
      [
        { toolCalls: [{ name: "subagent", arguments: { description: "find add", prompt: "Where is add defined?" } }], usage: { inputTokens: 100, outputTokens: 10 } },
        { toolCalls: [{ name: "grep", arguments: { pattern: "function add" } }], usage: { inputTokens: 1000, outputTokens: 100 } },
        { text: "math.js line 1", usage: { inputTokens: 1000, outputTokens: 100 } },
        { text: "It is in math.js.", usage: { inputTokens: 100, outputTokens: 10 } },
      ],
      NO_TITLE,
    );
    writeFileSync(join(sandbox.cwd, "math.js"), "export function add(a, b) {\n  return a + b;\n}\n");
    const result = await runCli(["run", "where is add?"], sandbox);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe("It is in math.js.");
    expect(result.stderr).toMatch(/→ subagent[^\n]*\n {4}→ grep[^\n]*\n {4} {2}✓ grep[\s\S]*✓ subagent find add/);
    const [listed] = JSON.parse((await runCli(["sessions", "list", "--json"], sandbox)).stdout);
    expect(listed.tokens).toEqual({ input: 2200, output: 220 });
  });
});

describe("codetether run in plan mode", () => {
  it("plan_enter narrows the tools for the rest of the run and for -c, until plan_exit", async () => {
    const { sandbox, server } = await sandboxWith(
      [
        { toolCalls: [{ name: "plan_enter", arguments: { reason: "look first" } }] },
        { text: "Plan: 1. edit a.ts" },
        { toolCalls: [{ name: "plan_exit", arguments: {} }] },
        { text: "Implementing." },
      ],
      NO_TITLE,
    );
    const names = (n: number) => chatRequests(server)[n].tools.map((t: { function: { name: string } }) => t.function.name);
    expect((await runCli(["run", "plan the change"], sandbox)).code).toBe(0);
    expect(names(0)).toContain("write_file");
    expect(names(1)).not.toContain("write_file");
    expect((await runCli(["run", "-c", "go ahead"], sandbox)).code).toBe(0);
    expect(names(2)).not.toContain("write_file");
    expect(names(2)).toContain("plan_exit");
    expect(names(3)).toContain("write_file");
  });
});

describe("codetether run without a provider", () => {
  let sandbox: ReturnType<typeof makeSandbox>;
  beforeAll(() => {
    sandbox = makeSandbox();
  });

  it("explains every way to configure one on first run", async () => {
    const result = await runCli(["run", "hello"], sandbox);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No model provider is ready");
    expect(result.stderr).toContain("codetether auth login moonshotai");
    expect(result.stderr).toContain("MOONSHOT_API_KEY");
    expect(result.stderr).toContain("Vault");
    expect(result.stderr).toContain("[providers.local]");
    // Nothing was recorded for a run that never started.
    expect(JSON.parse((await runCli(["sessions", "list", "--all", "--json"], sandbox)).stdout)).toEqual([]);
  });
});
