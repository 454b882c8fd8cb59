import { spawn, type ChildProcess } from "node:child_process";
import { PROCESS_TREE_ENV } from "./kill-process-tree.js";

/**
 * The watchdog: a POSIX shell in its own session that reads `+pgid:marker` / `-pgid:marker` lines
 * from a pipe only this process holds. When the pipe closes — this process exited or was killed,
 * even with SIGKILL, since the kernel closes its descriptors — it kills every group still listed
 * and every process still carrying one of their markers (those that left their group). Builtins
 * only while it waits, so it costs one small process per agent process, not one per command.
 */
const SCRIPT = `trap '' INT HUP
g=" "
while IFS= read -r l; do
  case $l in
    +*) g="$g\${l#+} " ;;
    -*) e=\${l#-}; case $g in *" $e "*) g="\${g%% $e *} \${g#* $e }" ;; esac ;;
  esac
done
for e in $g; do kill -9 "-\${e%%:*}" 2>/dev/null; done
for e in $g; do
  for f in $(grep -lsa "${PROCESS_TREE_ENV}=\${e#*:}" /proc/[0-9]*/environ 2>/dev/null); do
    p=\${f#/proc/}; kill -9 "\${p%/environ}" 2>/dev/null
  done
done
`;

/**
 * Makes sure the process groups of commands the agent started do not outlive it. Groups are
 * watched while they may hold processes and unwatched once they are known to be gone.
 */
export class ProcessGroupWatchdog {
  private static instance: ProcessGroupWatchdog | undefined;
  private readonly child: ChildProcess | undefined;
  private alive: boolean;

  /** The one watchdog of this process, started on first use. */
  static shared(): ProcessGroupWatchdog {
    if (!ProcessGroupWatchdog.instance?.alive) ProcessGroupWatchdog.instance = new ProcessGroupWatchdog();
    return ProcessGroupWatchdog.instance;
  }

  constructor() {
    if (process.platform === "win32") {
      this.alive = false;
      return;
    }
    const child = spawn("/bin/sh", ["-c", SCRIPT], { stdio: ["pipe", "ignore", "ignore"], detached: true });
    this.child = child;
    this.alive = true;
    const dead = () => {
      this.alive = false;
    };
    child.on("error", dead);
    child.on("exit", dead);
    child.stdin?.on("error", dead);
    // Neither the watchdog nor its pipe may keep this process running.
    child.unref();
    (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  /** Pid of the watchdog process (for tests and diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Watches the group led by `pgid`; returns the function that stops watching it. */
  watch(pgid: number | undefined, marker: string): () => void {
    if (pgid === undefined || !this.alive) return () => undefined;
    const entry = `${pgid}:${marker}`;
    this.send(`+${entry}\n`);
    let watched = true;
    return () => {
      if (!watched) return;
      watched = false;
      this.send(`-${entry}\n`);
    };
  }

  /** Closes the pipe, as this process's death would: the watchdog kills what is still watched. */
  close(): void {
    this.alive = false;
    this.child?.stdin?.end();
  }

  private send(line: string): void {
    if (!this.alive) return;
    this.child?.stdin?.write(line);
  }
}
