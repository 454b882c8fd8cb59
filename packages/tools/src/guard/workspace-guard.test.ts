import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { allowAll, denyAll, type PermissionRequest, type ToolContext, type ToolEvent } from "@codetether/core";
import { resolveWorkspacePath } from "./workspace-guard.js";

describe("resolveWorkspacePath", () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), "ct-guard-")));
    root = join(base, "ws");
    outside = join(base, "outside");
    await mkdir(join(root, "src"), { recursive: true });
    await mkdir(outside);
    await writeFile(join(outside, "secret.txt"), "s");
  });
  afterEach(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const ctx = (permissions = denyAll, extra: Partial<ToolContext> = {}): ToolContext => ({
    root,
    signal: new AbortController().signal,
    permissions,
    emit: () => {},
    ...extra,
  });

  it("resolves relative paths against cwd, then root", async () => {
    expect(await resolveWorkspacePath(ctx(), "src/a.ts")).toBe(join(root, "src/a.ts"));
    expect(await resolveWorkspacePath(ctx(denyAll, { cwd: join(root, "src") }), "a.ts")).toBe(join(root, "src/a.ts"));
    expect(await resolveWorkspacePath(ctx(), join(root, "new/dir/file.ts"))).toBe(join(root, "new/dir/file.ts"));
  });

  it("refuses `..` escapes and absolute paths outside the root", async () => {
    await expect(resolveWorkspacePath(ctx(), "../outside/secret.txt")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(resolveWorkspacePath(ctx(), "src/../../outside")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(resolveWorkspacePath(ctx(), "/etc/passwd")).rejects.toMatchObject({ code: "outside_workspace" });
    // A sibling sharing the root's name as a prefix is outside too.
    await mkdir(`${root}-evil`);
    await expect(resolveWorkspacePath(ctx(), `${root}-evil/x`)).rejects.toMatchObject({ code: "outside_workspace" });
  });

  it("refuses a symlink inside the workspace that points outside, for existing and new files", async () => {
    await symlink(outside, join(root, "link"));
    await symlink(join(outside, "secret.txt"), join(root, "file-link"));
    await expect(resolveWorkspacePath(ctx(), "link/secret.txt")).rejects.toThrow(/a symlink leads to/);
    await expect(resolveWorkspacePath(ctx(), "link/new/deep.txt")).rejects.toMatchObject({ code: "outside_workspace" });
    await expect(resolveWorkspacePath(ctx(), "file-link")).rejects.toMatchObject({ code: "outside_workspace" });
  });

  it("refuses a dangling symlink whose target would be outside, for files and directories", async () => {
    await symlink(join(outside, "missing.txt"), join(root, "dangling"));
    await symlink(join(outside, "no-dir"), join(root, "dangling-dir"));
    await expect(resolveWorkspacePath(ctx(), "dangling")).rejects.toThrow(/a symlink leads to .*missing\.txt/);
    await expect(resolveWorkspacePath(ctx(), "dangling-dir/new.txt")).rejects.toMatchObject({ code: "outside_workspace" });
    // A dangling link that stays inside is fine.
    await symlink(join(root, "src", "later.ts"), join(root, "inner-dangling"));
    expect(await resolveWorkspacePath(ctx(), "inner-dangling")).toBe(join(root, "inner-dangling"));
  });

  it("allows a symlink that stays inside the workspace", async () => {
    await symlink(join(root, "src"), join(root, "alias"));
    expect(await resolveWorkspacePath(ctx(), "alias/x.ts")).toBe(join(root, "alias/x.ts"));
  });

  it("asks for external_directory with the real path, and allows when granted", async () => {
    const asked: PermissionRequest[] = [];
    const events: ToolEvent[] = [];
    const gate = { request: async (r: PermissionRequest) => (asked.push(r), true) };
    await symlink(outside, join(root, "link"));
    expect(await resolveWorkspacePath(ctx(gate, { emit: (e) => events.push(e) }), "link/secret.txt", { toolName: "read_file" })).toBe(
      join(root, "link/secret.txt"),
    );
    expect(asked[0]).toMatchObject({ permission: "external_directory", pattern: join(outside, "secret.txt") });
    expect(events[0]).toMatchObject({ type: "permission_asked", tool: "read_file", granted: true });
    expect(await resolveWorkspacePath(ctx(allowAll), "/etc/hostname")).toBe("/etc/hostname");
  });

  it("accepts the real path of a root that was named through a symlink", async () => {
    await symlink(root, join(base, "root-alias"));
    const viaAlias = { ...ctx(), root: join(base, "root-alias") };
    expect(await resolveWorkspacePath(viaAlias, join(root, "src/a.ts"))).toBe(join(root, "src/a.ts"));
    expect(await resolveWorkspacePath(viaAlias, "src/a.ts")).toBe(join(base, "root-alias/src/a.ts"));
    await expect(resolveWorkspacePath(viaAlias, join(outside, "secret.txt"))).rejects.toMatchObject({ code: "outside_workspace" });
  });

  it("says why access outside was refused when the gate can tell", async () => {
    const { createPermissionGate } = await import("../permissions/create-permission-gate.js");
    const { PermissionRules } = await import("../permissions/permission-rules.js");
    const headless = createPermissionGate({ rules: PermissionRules.defaults() });
    await expect(resolveWorkspacePath(ctx(headless), "/etc/passwd")).rejects.toThrow(
      /outside the workspace .* \(external_directory denied: it needs approval and this run is headless/,
    );
  });

  it("lets extra roots through without asking", async () => {
    expect(await resolveWorkspacePath(ctx(), join(outside, "secret.txt"), { extraRoots: [outside] })).toBe(join(outside, "secret.txt"));
  });
});
