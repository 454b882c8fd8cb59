import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startOpenAIServer, type FakeServer, type ScriptedTurn } from "@codetether/fixtures";
import { cliPath, makeSandbox, type Sandbox } from "./helpers.js";

/**
 * A sandbox whose config points the CLI at a local OpenAI wire-format server as provider `fake`
 * (loopback, so no key), with the working directory a fresh git repository.
 */
export async function fakeProviderSandbox(turns: ScriptedTurn[] = [], extraConfig = ""): Promise<{ sandbox: Sandbox; server: FakeServer }> {
  const server = await startOpenAIServer({ turns });
  const sandbox = makeSandbox();
  const configDir = join(sandbox.home, ".config", "codetether-agent");
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, "config.toml"),
    [
      'default_model = "fake/gpt-4o"',
      "[providers.fake]",
      'type = "openai-compatible"',
      `base_url = "${server.url}/v1"`,
      extraConfig,
    ].join("\n"),
  );
  execFileSync("git", ["init", "-q", "-b", "main", sandbox.cwd]);
  return { sandbox, server };
}

/** Chat-completion requests the server received (title and summariser calls included). */
export function chatRequests(server: FakeServer): any[] {
  return server.requests.filter((r) => r.path.endsWith("/chat/completions")).map((r) => r.body);
}

/** Starts the built CLI and resolves once `ready` matches its stdout so far. */
export function spawnCliUntil(args: string[], sandbox: Sandbox, ready: RegExp): Promise<{ child: ChildProcess; stdout: () => string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: sandbox.cwd, env: sandbox.env, stdio: ["pipe", "pipe", "pipe"] });
    child.stdin.end();
    let out = "";
    let resolved = false;
    const exited = new Promise<number | null>((res) => child.on("close", (code, signal) => res(code ?? (signal ? -1 : null))));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`timed out waiting for ${ready}; stdout so far:\n${out}`));
    }, 20_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (!resolved && ready.test(out)) {
        resolved = true;
        clearTimeout(timer);
        resolve({ child, stdout: () => out, exited });
      }
    });
    child.stderr.on("data", () => undefined);
    child.on("error", reject);
  });
}
