import { spawn, type ChildProcess } from "node:child_process";
import { commandEnv } from "./command-env.js";
import { killProcessTree, newProcessTreeMarker, PROCESS_TREE_ENV } from "./kill-process-tree.js";
import { RingBuffer } from "./ring-buffer.js";
import { TaskNotFoundError } from "./task-not-found-error.js";

export type BackgroundTaskState = "running" | "exited" | "killed";

export interface BackgroundTaskInfo {
  id: string;
  command: string;
  cwd: string;
  pid: number | undefined;
  state: BackgroundTaskState;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  startedAt: number;
  endedAt?: number;
  /** Characters of output produced so far (including any dropped from the ring buffer). */
  outputChars: number;
}

interface Entry {
  info: BackgroundTaskInfo;
  child: ChildProcess;
  /** Marks every process of the task, so kill finds those that left its process group. */
  marker: string;
  output: RingBuffer;
  done: Promise<void>;
}

export interface BackgroundTaskManagerOptions {
  env?: NodeJS.ProcessEnv;
  /** Characters of output kept per task. */
  bufferChars?: number;
  shell?: string;
}

/**
 * Background processes started by the agent (dev servers, watchers, long builds). Each runs in its
 * own process group so `kill` and `dispose` stop the whole tree; output is kept in a ring buffer.
 */
export class BackgroundTaskManager {
  private readonly tasks = new Map<string, Entry>();
  private nextId = 1;

  constructor(private readonly options: BackgroundTaskManagerOptions = {}) {}

  start(command: string, cwd: string): BackgroundTaskInfo {
    const id = `task-${this.nextId++}`;
    const marker = newProcessTreeMarker();
    const child = spawn(this.options.shell ?? "bash", ["-c", command], {
      cwd,
      env: { ...commandEnv(this.options.env ?? process.env), [PROCESS_TREE_ENV]: marker },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const output = new RingBuffer(this.options.bufferChars);
    const info: BackgroundTaskInfo = {
      id,
      command,
      cwd,
      pid: child.pid,
      state: "running",
      exitCode: null,
      exitSignal: null,
      startedAt: Date.now(),
      outputChars: 0,
    };
    const onData = (data: Buffer) => {
      output.push(data.toString("utf8"));
      info.outputChars = output.total;
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    const done = new Promise<void>((resolve) => {
      child.on("error", (error) => {
        output.push(`\n[failed to start: ${error.message}]\n`);
        if (info.state === "running") info.state = "exited";
        info.endedAt = Date.now();
        resolve();
      });
      child.on("exit", (code, signal) => {
        info.exitCode = code;
        info.exitSignal = signal;
        if (info.state === "running") info.state = "exited";
        info.endedAt = Date.now();
        resolve();
      });
    });
    this.tasks.set(id, { info, child, marker, output, done });
    return { ...info };
  }

  status(id: string): BackgroundTaskInfo {
    return { ...this.entry(id).info };
  }

  output(id: string): { info: BackgroundTaskInfo; text: string; droppedChars: number } {
    const entry = this.entry(id);
    return { info: { ...entry.info }, text: entry.output.text(), droppedChars: entry.output.dropped };
  }

  list(): BackgroundTaskInfo[] {
    return [...this.tasks.values()].map((e) => ({ ...e.info }));
  }

  /** Kills the task's whole process tree and waits for it to exit. */
  async kill(id: string): Promise<BackgroundTaskInfo> {
    const entry = this.entry(id);
    if (entry.info.state === "running") {
      entry.info.state = "killed";
      killProcessTree(entry.child.pid, entry.marker);
      await entry.done;
    } else {
      // The leader exited; children it left behind are still the task's.
      killProcessTree(entry.child.pid, entry.marker);
    }
    return { ...entry.info };
  }

  /** Stops every task; called when the tool set is disposed. */
  async dispose(): Promise<void> {
    await Promise.all([...this.tasks.keys()].map((id) => this.kill(id)));
  }

  private entry(id: string): Entry {
    const entry = this.tasks.get(id);
    if (!entry) throw new TaskNotFoundError(id, [...this.tasks.keys()]);
    return entry;
  }
}
