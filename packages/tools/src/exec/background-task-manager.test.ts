import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

/** Alive and not a zombie (an orphan's zombie lingers until its reaper gets to it). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

const dirs: string[] = [];
const leftovers: number[] = [];
afterEach(() => {
  for (const pid of leftovers.splice(0)) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("BackgroundTaskManager", () => {
  it("leaves no task processes behind when the agent process is killed with SIGKILL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-bg-"));
    dirs.push(dir);
    const manager = fileURLToPath(new URL("./background-task-manager.ts", import.meta.url));
    const script = join(dir, "agent.mts");
    // A stand-in agent process: starts a task whose shell has a child and a grandchild, then idles.
    writeFileSync(
      script,
      `import { BackgroundTaskManager } from ${JSON.stringify(manager)};
new BackgroundTaskManager().start("echo $$ >> pids; (sleep 300 & echo $! >> pids; wait) & sleep 300 & echo $! >> pids; wait", ${JSON.stringify(dir)});
setInterval(() => {}, 1000);
`,
    );
    const tsx = createRequire(import.meta.url).resolve("tsx");
    const agent = spawn(process.execPath, ["--import", tsx, script], { stdio: "ignore" });
    const file = join(dir, "pids");
    const pids = () => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map(Number) : []);
    expect(await waitUntil(() => pids().length === 3, 15_000)).toBe(true);
    leftovers.push(...pids());
    expect(pids().every(isAlive)).toBe(true);

    const exited = new Promise((resolve) => agent.on("exit", resolve));
    agent.kill("SIGKILL");
    await exited;
    expect(await waitUntil(() => !pids().some(isAlive), 5_000)).toBe(true);
  });
});
