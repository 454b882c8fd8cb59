import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { killProcessGroup } from "./kill-process-group.js";

/**
 * Environment variable every process of one command inherits. A process that left the command's
 * process group (`setsid`, a daemonising double fork) keeps it, so it can still be found and stopped.
 */
export const PROCESS_TREE_ENV = "CODETETHER_PROCESS_TREE";

/** A fresh marker value for one command's process tree. */
export function newProcessTreeMarker(): string {
  return randomUUID();
}

/** Pids (other than ours) whose environment carries the marker; empty where /proc is unavailable. */
function markedPids(marker: string): number[] {
  const needle = Buffer.from(`${PROCESS_TREE_ENV}=${marker}\0`);
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${name}/environ`);
      if (environ.indexOf(needle) !== -1) pids.push(Number(name));
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return pids;
}

/**
 * Kills the process group led by `pid` and then every process still carrying `marker` (those that
 * escaped the group). Returns true when anything was signalled.
 */
export function killProcessTree(pid: number | undefined, marker: string): boolean {
  let killed = pid !== undefined && killProcessGroup(pid, "SIGKILL");
  // An escaped process may fork while we look; a few passes catch its children too.
  for (let pass = 0; pass < 3; pass++) {
    const pids = markedPids(marker);
    if (pids.length === 0) break;
    for (const found of pids) {
      try {
        process.kill(found, "SIGKILL");
        killed = true;
      } catch {
        // Exited meanwhile.
      }
    }
  }
  return killed;
}
