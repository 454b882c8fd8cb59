import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { newProcessTreeMarker, PROCESS_TREE_ENV } from "./kill-process-tree.js";
import { ProcessGroupWatchdog } from "./process-group-watchdog.js";

/** Alive and not a zombie (an orphan's zombie lingers until its reaper gets to it). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

/**
 * A command tree like bash's: a shell leading its own group, with a child, a grandchild, a child
 * without the marker (found by its group) and one that left the group (found by its marker).
 */
function startTree(marker: string): Promise<{ leader: number; pids: number[] }> {
  const child = spawn("bash", ["-c", `sleep 300 & echo $!; (sleep 300 & echo $!; wait) & env -u ${PROCESS_TREE_ENV} sleep 300 & echo $!; setsid sleep 300 & echo $!; wait`], {
    env: { ...process.env, [PROCESS_TREE_ENV]: marker },
    stdio: ["ignore", "pipe", "ignore"],
    detached: true,
  });
  child.unref();
  return new Promise((resolve) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const pids = out.trim().split("\n").filter(Boolean).map(Number);
      if (pids.length === 4) resolve({ leader: child.pid as number, pids });
    });
  });
}

describe("ProcessGroupWatchdog", () => {
  it("kills a watched group, grandchildren and escaped processes included, once the owner's pipe closes", async () => {
    const watchdog = new ProcessGroupWatchdog();
    const marker = newProcessTreeMarker();
    const tree = await startTree(marker);
    watchdog.watch(tree.leader, marker);
    expect([tree.leader, ...tree.pids].every(alive)).toBe(true);
    // Closing the pipe is what the kernel does when the owning process dies, SIGKILL included.
    watchdog.close();
    expect(await until(() => ![tree.leader, ...tree.pids].some(alive))).toBe(true);
  });

  it("leaves a group alone once it is unwatched", async () => {
    const watchdog = new ProcessGroupWatchdog();
    const marker = newProcessTreeMarker();
    const tree = await startTree(marker);
    const other = await startTree(newProcessTreeMarker());
    watchdog.watch(other.leader, "other");
    const unwatch = watchdog.watch(tree.leader, marker);
    unwatch();
    watchdog.close();
    expect(await until(() => !alive(watchdog.pid as number) && !alive(other.leader))).toBe(true);
    expect([tree.leader, ...tree.pids].every(alive)).toBe(true);
    process.kill(-tree.leader, "SIGKILL");
    for (const pid of [...tree.pids, ...other.pids]) if (alive(pid)) process.kill(pid, "SIGKILL");
  });
});
