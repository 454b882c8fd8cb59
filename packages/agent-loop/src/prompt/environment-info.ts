import { execFile } from "node:child_process";
import { findGitRoot, gitBranch } from "@codetether/core";

export interface EnvironmentInfo {
  cwd: string;
  platform: string;
  date: string;
  gitRoot?: string;
  branch?: string;
  /** `git status --short`, cut to a few lines; absent outside a repository. */
  status?: string;
}

const MAX_STATUS_LINES = 20;

/** What the model should know about where it runs. Never fails: git trouble just leaves fields out. */
export async function environmentInfo(cwd: string, now: Date = new Date()): Promise<EnvironmentInfo> {
  const info: EnvironmentInfo = { cwd, platform: process.platform, date: now.toISOString().slice(0, 10) };
  const root = findGitRoot(cwd);
  if (!root) return info;
  info.gitRoot = root;
  const branch = gitBranch(root);
  if (branch) info.branch = branch;
  const status = await gitStatus(cwd);
  if (status !== undefined) info.status = status;
  return info;
}

function gitStatus(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["status", "--short"], { cwd, timeout: 5000, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      if (error) return resolve(undefined);
      const lines = stdout.split("\n").filter(Boolean);
      const shown = lines.slice(0, MAX_STATUS_LINES);
      if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
      resolve(shown.length === 0 ? "clean" : shown.join("\n"));
    });
  });
}
