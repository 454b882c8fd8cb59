import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, realpathSync, rmSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, denyAll, type PermissionRequest, type ToolContext, type ToolEvent } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createBashTool } from "./bash-tool.js";

/** A process is gone when /proc has no entry for it or it is a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms = 2000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

let root: string;
let events: ToolEvent[];
const ctx = (extra: Partial<ToolContext> = {}): ToolContext => ({
  root,
  signal: new AbortController().signal,
  permissions: allowAll,
  emit: (e) => events.push(e),
  ...extra,
});

beforeEach(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "ct-bash-")));
  events = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("bash", () => {
  it("returns the combined output and the exit code of a command run in the workspace", async () => {
    const bash = createBashTool();
    const result = await bash.execute({ command: "pwd; echo oops >&2; exit 3" }, ctx());
    expect(result.output).toContain(root);
    expect(result.output).toContain("oops");
    expect(result.output).toMatch(/\[exit code 3\]$/);
    expect(result.metadata?.exitCode).toBe(3);
  });

  it("runs in a subdirectory given as cwd and refuses a cwd outside the workspace", async () => {
    mkdirSync(join(root, "sub"));
    const bash = createBashTool();
    const inside = await bash.execute({ command: "pwd", cwd: "sub" }, ctx());
    expect(inside.output.split("\n")[0]).toBe(join(root, "sub"));
    const registry = new ToolRegistry([bash], { outputBudget: false });
    const outside = await registry.execute("bash", { command: "pwd", cwd: "../.." }, ctx({ permissions: denyAll }));
    expect(outside.isError).toBe(true);
    expect(outside.output).toMatch(/outside the workspace/);
    const missing = await registry.execute("bash", { command: "pwd", cwd: "nope" }, ctx());
    expect(missing.isError).toBe(true);
    expect(missing.output).toMatch(/The working directory "nope" does not exist or is not a directory/);
  });

  it("closes stdin so a command reading input ends instead of hanging", async () => {
    const result = await createBashTool().execute({ command: "cat; echo after-cat", timeout_ms: 5000 }, ctx());
    expect(result.metadata?.timedOut).toBe(false);
    expect(result.output).toContain("after-cat");
  });

  it("strips secrets from the environment and disables interactive prompts", async () => {
    const bash = createBashTool({
      env: {
        PATH: process.env.PATH,
        OPENAI_API_KEY: "sk-test-1",
        VAULT_TOKEN: "hvs.secret",
        DEPLOY_TOKEN: "t",
        MY_CLIENT_SECRET: "s",
        ACME_API_KEY: "k",
        PGPASSWORD: "pg",
        MYSQL_PWD: "my",
        NPM_CONFIG__AUTH: "npm",
        SERVICE_CREDENTIALS: "c",
        KEEP_ME: "visible",
        GIT_AUTHOR_NAME: "author",
      },
    });
    const result = await bash.execute({ command: "env" }, ctx());
    const secrets = ["OPENAI_API_KEY", "VAULT_TOKEN", "DEPLOY_TOKEN", "MY_CLIENT_SECRET", "ACME_API_KEY", "PGPASSWORD", "MYSQL_PWD", "NPM_CONFIG__AUTH", "SERVICE_CREDENTIALS"];
    for (const name of secrets) {
      expect(result.output).not.toContain(`${name}=`);
    }
    expect(result.output).toContain("KEEP_ME=visible");
    expect(result.output).toContain("GIT_AUTHOR_NAME=author");
    expect(result.output).toContain("GIT_TERMINAL_PROMPT=0");
    expect(result.output).toContain("PAGER=cat");
    expect(result.output).toMatch(/GIT_SSH_COMMAND=ssh -o BatchMode=yes/);
  });

  it("lets git fail fast instead of prompting for credentials", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(401, { "www-authenticate": 'Basic realm="git"' });
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const result = await createBashTool().execute({ command: `git clone http://127.0.0.1:${port}/repo.git clone-dir`, timeout_ms: 20_000 }, ctx());
      expect(result.metadata?.timedOut).toBe(false);
      expect(result.metadata?.exitCode).not.toBe(0);
      expect(result.output).toMatch(/terminal prompts disabled|Authentication failed|could not read Username/i);
    } finally {
      server.close();
    }
  });

  it("kills the whole process tree, grandchildren included, on timeout", async () => {
    const result = await createBashTool().execute(
      { command: "bash -c 'sleep 30 & echo $! > grandchild.pid; wait' & wait", timeout_ms: 500 },
      ctx(),
    );
    expect(result.isError).toBe(true);
    expect(result.metadata?.timedOut).toBe(true);
    expect(result.output).toContain("timed out after 500 ms");
    const pid = Number(readFileSync(join(root, "grandchild.pid"), "utf8"));
    expect(pid).toBeGreaterThan(0);
    expect(await waitUntil(() => !isAlive(pid))).toBe(true);
  });

  it("kills the process tree when the call is aborted", async () => {
    const controller = new AbortController();
    const running = createBashTool().execute(
      { command: "bash -c 'sleep 30 & echo $! > gc.pid; wait'" },
      ctx({ signal: controller.signal }),
    );
    await waitUntil(() => existsSync(join(root, "gc.pid")) && readFileSync(join(root, "gc.pid"), "utf8").trim() !== "");
    controller.abort();
    const result = await running;
    expect(result.metadata?.aborted).toBe(true);
    const pid = Number(readFileSync(join(root, "gc.pid"), "utf8"));
    expect(await waitUntil(() => !isAlive(pid))).toBe(true);
  });

  it("stops background processes a finished command leaves behind, so the call returns", async () => {
    const started = Date.now();
    const result = await createBashTool().execute({ command: "sleep 30 & echo $! > bg.pid; echo done" }, ctx());
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.output).toContain("done");
    expect(result.output).toContain("background processes left running by the command were stopped");
    expect(await waitUntil(() => !isAlive(Number(readFileSync(join(root, "bg.pid"), "utf8"))))).toBe(true);
  });

  it("returns promptly on timeout and abort even when a process escaped the group with setsid, and kills it", async () => {
    const escaped = "setsid bash -c 'echo $$ > esc.pid; sleep 30' & sleep 30";
    const timed = await createBashTool().execute({ command: escaped, timeout_ms: 500 }, ctx());
    expect(timed.metadata?.timedOut).toBe(true);
    expect(timed.metadata?.durationMs).toBeLessThan(10_000);
    const first = Number(readFileSync(join(root, "esc.pid"), "utf8"));
    expect(await waitUntil(() => !isAlive(first))).toBe(true);

    rmSync(join(root, "esc.pid"));
    const controller = new AbortController();
    const running = createBashTool().execute({ command: escaped }, ctx({ signal: controller.signal }));
    await waitUntil(() => existsSync(join(root, "esc.pid")) && readFileSync(join(root, "esc.pid"), "utf8").trim() !== "");
    controller.abort();
    const aborted = await running;
    expect(aborted.metadata?.aborted).toBe(true);
    expect(aborted.metadata?.durationMs).toBeLessThan(10_000);
    const second = Number(readFileSync(join(root, "esc.pid"), "utf8"));
    expect(await waitUntil(() => !isAlive(second))).toBe(true);
  });

  it("stops a setsid process a finished command leaves holding its output, so the call returns", async () => {
    const result = await createBashTool().execute({ command: "setsid bash -c 'echo $$ > esc.pid; sleep 30' & echo done" }, ctx());
    expect(result.metadata?.durationMs).toBeLessThan(10_000);
    expect(result.output).toContain("done");
    await waitUntil(() => existsSync(join(root, "esc.pid")));
    expect(await waitUntil(() => !isAlive(Number(readFileSync(join(root, "esc.pid"), "utf8"))))).toBe(true);
  });

  it("streams output as tool_output events while the command runs", async () => {
    await createBashTool().execute({ command: "echo one; echo two >&2" }, ctx({ callId: "c1" }));
    const chunks = events.filter((e): e is Extract<ToolEvent, { type: "tool_output" }> => e.type === "tool_output");
    expect(chunks.map((c) => c.chunk).join("")).toMatch(/one\n[\s\S]*two|two\n[\s\S]*one/);
    expect(chunks.every((c) => c.callId === "c1" && c.tool === "bash")).toBe(true);
    expect(chunks.some((c) => c.stream === "stderr")).toBe(true);
  });

  it("asks the permission gate with the command as pattern and refuses when denied", async () => {
    const asked: PermissionRequest[] = [];
    const gate = { request: async (r: PermissionRequest) => (asked.push(r), !r.pattern.startsWith("rm ")) };
    const registry = new ToolRegistry([createBashTool()], { outputBudget: false });
    const denied = await registry.execute("bash", { command: "rm -rf sub" }, ctx({ permissions: gate }));
    expect(denied.isError).toBe(true);
    expect(denied.output).toMatch(/Permission "bash" denied for "rm -rf sub"/);
    const allowed = await registry.execute("bash", { command: "echo fine" }, ctx({ permissions: gate }));
    expect(allowed.output).toContain("fine");
    expect(asked.map((r) => [r.permission, r.pattern])).toEqual([
      ["bash", "rm -rf sub"],
      ["bash", "echo fine"],
    ]);
  });

  it("cuts a huge output through the output budget, keeping the tail with the exit code and saving the rest", async () => {
    const spillDir = join(root, ".spill");
    const registry = new ToolRegistry([createBashTool()], { outputBudget: { spillDir } });
    const result = await registry.execute("bash", { command: "seq 1 200000" }, ctx());
    expect(result.output.length).toBeLessThan(80 * 1024);
    expect(result.output).toMatch(/^1\n2\n/);
    expect(result.output).toContain("200000\n[exit code 0]");
    const saved = readFileSync(result.metadata?.fullOutputPath as string, "utf8");
    const lines = saved.split("\n");
    expect(lines).toHaveLength(200001);
    expect(lines[99_999]).toBe("100000");
    expect(lines.at(-1)).toBe("[exit code 0]");
  });
});
