import { spawn } from "node:child_process";
import { killProcessGroup } from "./kill-process-group.js";
import { killProcessTree, newProcessTreeMarker, PROCESS_TREE_ENV } from "./kill-process-tree.js";
import { OutputCollector } from "./output-collector.js";

export interface RunCommandOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  onOutput?: (chunk: string, stream: "stdout" | "stderr") => void;
  /** Shell used to run the command line. */
  shell?: string;
}

export interface RunCommandResult {
  output: string;
  exitCode: number | null;
  /** The signal that ended the command, if any. */
  exitSignal: NodeJS.Signals | null;
  timedOut: boolean;
  aborted: boolean;
  /** The command exited but left processes holding its output open; they were stopped. */
  strayProcessesKilled: boolean;
  pid: number | undefined;
  durationMs: number;
}

/** How long background processes left by a finished command may keep its output pipes open. */
const STRAY_GRACE_MS = 250;
/** After the tree was killed, how long to wait for the output pipes to close before giving up on them. */
const CLOSE_GRACE_MS = 250;

/**
 * Runs a shell command with stdin closed, in its own process group, so that a timeout or an abort
 * kills the whole tree (grandchildren included) rather than only the shell.
 */
export function runCommand(options: RunCommandOptions): Promise<RunCommandResult> {
  const started = Date.now();
  const collector = new OutputCollector();
  const marker = newProcessTreeMarker();
  return new Promise((resolve, reject) => {
    const child = spawn(options.shell ?? "bash", ["-c", options.command], {
      cwd: options.cwd,
      env: { ...options.env, [PROCESS_TREE_ENV]: marker },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let timedOut = false;
    let aborted = false;
    let strayProcessesKilled = false;
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    let settled = false;
    let strayTimer: NodeJS.Timeout | undefined;
    let closeTimer: NodeJS.Timeout | undefined;

    const onData = (stream: "stdout" | "stderr") => (data: Buffer) => {
      const chunk = data.toString("utf8");
      collector.push(chunk);
      options.onOutput?.(chunk, stream);
    };
    child.stdout.on("data", onData("stdout"));
    child.stderr.on("data", onData("stderr"));

    const killTree = () => killProcessTree(child.pid, marker);
    const timer = setTimeout(() => {
      timedOut = true;
      killTree();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      killTree();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(strayTimer);
      clearTimeout(closeTimer);
      options.signal?.removeEventListener("abort", onAbort);
      resolve({
        output: collector.text(),
        exitCode,
        exitSignal,
        timedOut,
        aborted,
        strayProcessesKilled,
        pid: child.pid,
        durationMs: Date.now() - started,
      });
    };

    child.on("error", (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    child.on("exit", (code, signal) => {
      exitCode = code;
      exitSignal = signal;
      // Processes the command put in the background still hold stdout; give them a moment to
      // finish writing, then stop them so the call returns.
      strayTimer = setTimeout(() => {
        if (killTree()) strayProcessesKilled = true;
        // Something we could not kill (another user's process it handed the pipe to) may hold the
        // output open forever: stop reading rather than hang the call.
        closeTimer = setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
          finish();
        }, CLOSE_GRACE_MS);
      }, STRAY_GRACE_MS);
    });
    child.on("close", () => {
      // A finished command may still have left a group member that closed its output: stop it too.
      // The group only: scanning for escaped processes costs a walk of /proc, kept for the cases
      // where something is known to linger (timeout, abort, output held open after exit).
      if (child.pid !== undefined && !timedOut && !aborted && killProcessGroup(child.pid, "SIGKILL")) {
        strayProcessesKilled = true;
      }
      finish();
    });
  });
}
