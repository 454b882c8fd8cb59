// Test support (not exported from the package): a real temporary git repository with the built-in
// tools, driven through the registry exactly as an agent drives them.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { allowAll, type PermissionGate, type ToolContext, type ToolEvent, type ToolResult } from "@codetether/core";
import { createBuiltinTools, type BuiltinToolsOptions } from "../create-builtin-tools.js";
import { ToolRegistry } from "../registry/tool-registry.js";

export interface TempWorkspace {
  root: string;
  events: ToolEvent[];
  registry: ToolRegistry;
  ctx: ToolContext;
  call(tool: string, args: object, ctx?: Partial<ToolContext>): Promise<ToolResult>;
  write(path: string, content: string | Uint8Array): Promise<void>;
  read(path: string): Promise<string>;
  git(...args: string[]): string;
  dispose(): Promise<void>;
}

export async function createTempWorkspace(
  options: { git?: boolean; permissions?: PermissionGate; tools?: Partial<BuiltinToolsOptions> } = {},
): Promise<TempWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), "ct-tools-")));
  const root = join(base, "ws");
  await mkdir(root);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false", ...args], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t" },
    });
  if (options.git !== false) git("init", "-q");
  const events: ToolEvent[] = [];
  const spillDir = join(base, "spill");
  const registry = new ToolRegistry(createBuiltinTools({ root, spillDir, ...options.tools }), { outputBudget: { spillDir } });
  const ctx: ToolContext = { root, signal: new AbortController().signal, permissions: options.permissions ?? allowAll, emit: (e) => events.push(e) };
  return {
    root,
    events,
    registry,
    ctx,
    call: (tool, args, extra) => registry.execute(tool, args, { ...ctx, ...extra }),
    write: async (path, content) => {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    },
    read: (path) => readFile(join(root, path), "utf8"),
    git,
    dispose: () => rm(base, { recursive: true, force: true }),
  };
}
