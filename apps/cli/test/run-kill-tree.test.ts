import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { fakeProviderSandbox, spawnCliUntil } from "./run-helpers.js";

const servers: FakeServer[] = [];
const leftovers: number[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
});

/** Alive and not a zombie (an orphan's zombie lingers until its reaper gets to it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe("codetether run killed with SIGKILL (built binary)", () => {
  it("leaves none of the processes its bash command started, grandchildren included", async () => {
    // The shell, a `sleep` child and a `sleep` grandchild write their pids, then wait.
    const command = "echo $$ >> pids; (sleep 300 & echo $! >> pids; wait) & sleep 300 & echo $! >> pids; wait";
    const made = await fakeProviderSandbox([{ toolCalls: [{ name: "bash", arguments: { command } }] }, { text: "never reached" }], "[session]\nauto_title = false");
    servers.push(made.server);
    const file = join(made.sandbox.cwd, "pids");
    const pids = () => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map(Number) : []);
    const run = await spawnCliUntil(["run", "--yes", "--format", "jsonl", "start the sleepers"], made.sandbox, /"tool_start"|"tool_call_start"/);
    expect(await until(() => pids().length === 3, 10_000)).toBe(true);
    leftovers.push(...pids());
    expect(pids().every(alive)).toBe(true);

    run.child.kill("SIGKILL");
    await run.exited;
    expect(await until(() => !pids().some(alive), 5_000)).toBe(true);
  });
});
