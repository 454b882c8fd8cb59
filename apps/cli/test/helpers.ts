import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const cliPath = fileURLToPath(new URL("../dist/codetether.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  home: string;
  dataDir: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A temporary HOME, data dir and working directory, with the caller's secrets kept out. */
export function makeSandbox(extraEnv: NodeJS.ProcessEnv = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), "ct-cli-"));
  const dataDir = join(home, "data");
  const cwd = join(home, "project");
  mkdirSync(cwd, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    CODETETHER_DATA_DIR: dataDir,
    NO_COLOR: "1",
    ...extraEnv,
  };
  return { home, dataDir, cwd, env };
}

/** Runs the built binary; `input` is written to its stdin (closed either way). */
export function runCli(args: string[], sandbox: Sandbox, input?: string, timeoutMs = 20_000): Promise<CliResult> {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: build the CLI first (npm run build).`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: sandbox.cwd, env: sandbox.env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? "");
  });
}
