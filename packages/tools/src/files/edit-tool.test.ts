import { stat, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempWorkspace, type TempWorkspace } from "./temp-workspace.fixture.js";

describe("edit", () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await createTempWorkspace();
  });
  afterEach(async () => {
    await ws.dispose();
  });

  it("replaces an exact unique match and returns a unified diff", async () => {
    await ws.write("src/a.ts", "const a = 1;\nconst b = 2;\n");
    const result = await ws.call("edit", { path: "src/a.ts", old_string: "const b = 2;", new_string: "const b = 3;" });
    expect(result.isError).toBeUndefined();
    expect(await ws.read("src/a.ts")).toBe("const a = 1;\nconst b = 3;\n");
    expect(result.output).toContain("Edited src/a.ts: 1 replacement at line 2");
    expect(result.output).toContain("--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n const a = 1;\n-const b = 2;\n+const b = 3;\n");
    expect(result.metadata).toMatchObject({ additions: 1, deletions: 1 });
  });

  it("refuses an ambiguous edit and lists the lines", async () => {
    await ws.write("x.py", "x = 1\ny = 2\nx = 1\n\nx = 1\n");
    const result = await ws.call("edit", { path: "x.py", old_string: "x = 1", new_string: "x = 9" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("old_string matches 3 places in x.py (lines 1, 3, 5)");
    expect(result.output).toMatch(/replace_all/);
    expect(await ws.read("x.py")).toBe("x = 1\ny = 2\nx = 1\n\nx = 1\n");
    const all = await ws.call("edit", { path: "x.py", old_string: "x = 1", new_string: "x = 9", replace_all: true });
    expect(all.output).toContain("3 replacements at lines 1, 3, 5");
    expect(await ws.read("x.py")).toBe("x = 9\ny = 2\nx = 9\n\nx = 9\n");
  });

  it("keeps CRLF line endings and a missing final newline", async () => {
    await ws.write("win.txt", "alpha\r\nbeta\r\ngamma");
    const result = await ws.call("edit", { path: "win.txt", old_string: "beta\ngamma", new_string: "BETA\ngamma\ndelta" });
    expect(result.isError).toBeUndefined();
    expect(await ws.read("win.txt")).toBe("alpha\r\nBETA\r\ngamma\r\ndelta");
    // A model that sends CRLF in old_string matches too.
    await ws.call("edit", { path: "win.txt", old_string: "alpha\r\nBETA", new_string: "a\r\nb" });
    expect(await ws.read("win.txt")).toBe("a\r\nb\r\ngamma\r\ndelta");
  });

  it("keeps a UTF-8 BOM and the file mode", async () => {
    await ws.write("run.sh", "\ufeff#!/bin/sh\necho hi\n");
    const { chmod } = await import("node:fs/promises");
    await chmod(join(ws.root, "run.sh"), 0o755);
    await ws.call("edit", { path: "run.sh", old_string: "echo hi", new_string: "echo bye" });
    expect(await ws.read("run.sh")).toBe("\ufeff#!/bin/sh\necho bye\n");
    expect((await stat(join(ws.root, "run.sh"))).mode & 0o777).toBe(0o755);
  });

  it("falls back to an indentation-tolerant match and re-indents the replacement", async () => {
    await ws.write("f.py", "def f():\n    if x:\n        return 1\n    return 2\n");
    const result = await ws.call("edit", {
      path: "f.py",
      old_string: "if x:\n    return 1",
      new_string: "if x:\n    log()\n    return 1",
    });
    expect(result.isError).toBeUndefined();
    expect(result.output).toMatch(/matched ignoring whitespace differences/);
    expect(await ws.read("f.py")).toBe("def f():\n    if x:\n        log()\n        return 1\n    return 2\n");
  });

  it("says where the closest text is when old_string is not found", async () => {
    await ws.write("g.ts", "one\ntwo\nthree\n");
    const result = await ws.call("edit", { path: "g.ts", old_string: "two\nfour", new_string: "x" });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("old_string was not found in g.ts");
    expect(result.output).toContain("near line 2");
  });

  it("refuses to edit a file that changed on disk since it was read", async () => {
    await ws.write("s.txt", "v1\n");
    await ws.call("read_file", { path: "s.txt" });
    await ws.write("s.txt", "v1 changed by someone else\n");
    const result = await ws.call("edit", { path: "s.txt", old_string: "v1", new_string: "v2" });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/s\.txt changed on disk since you last read it/);
    expect(result.output).toMatch(/Read the file again/);
    expect(await ws.read("s.txt")).toBe("v1 changed by someone else\n");
    // After reading again the edit goes through; a touch without change is not a conflict.
    await ws.call("read_file", { path: "s.txt" });
    const later = new Date(Date.now() + 5000);
    await utimes(join(ws.root, "s.txt"), later, later);
    expect((await ws.call("edit", { path: "s.txt", old_string: "v1", new_string: "v2" })).isError).toBeUndefined();
    // Its own writes update the record, so consecutive edits need no re-read.
    expect((await ws.call("edit", { path: "s.txt", old_string: "v2", new_string: "v3" })).isError).toBeUndefined();
    expect(await ws.read("s.txt")).toBe("v3 changed by someone else\n");
  });

  it("creates a missing file from an empty old_string, and refuses one on an existing file", async () => {
    const created = await ws.call("edit", { path: "new/dir/n.md", old_string: "", new_string: "# Title\n" });
    expect(created.output).toContain("Created new/dir/n.md");
    expect(await ws.read("new/dir/n.md")).toBe("# Title\n");
    const refused = await ws.call("edit", { path: "new/dir/n.md", old_string: "", new_string: "x" });
    expect(refused.isError).toBe(true);
    expect(refused.output).toMatch(/use write_file/);
  });

  it("applies [permissions] edit rules to file edits, leaving a denied file untouched", async () => {
    const { createPermissionGate } = await import("../permissions/create-permission-gate.js");
    const { PermissionRules } = await import("../permissions/permission-rules.js");
    const permissions = createPermissionGate({ rules: PermissionRules.fromConfig({ edit: { "secrets/**": "deny" } }) });
    await ws.write("secrets/key.txt", "k1\n");
    await ws.write("ok.txt", "a\n");
    const denied = await ws.call("edit", { path: "secrets/key.txt", old_string: "k1", new_string: "k2" }, { permissions });
    expect(denied.isError).toBe(true);
    expect(denied.output).toMatch(/Permission "edit" denied for "secrets\/key\.txt": a deny rule/);
    expect(await ws.read("secrets/key.txt")).toBe("k1\n");
    expect((await ws.call("edit", { path: "ok.txt", old_string: "a", new_string: "b" }, { permissions })).isError).toBeUndefined();
  });

  it("refuses to edit a binary file", async () => {
    await ws.write("b.bin", new Uint8Array([1, 0, 2, 0, 3]));
    expect((await ws.call("edit", { path: "b.bin", old_string: "x", new_string: "y" })).output).toMatch(/binary file/);
  });

  it("serialises concurrent edits of one file so neither is lost", async () => {
    await ws.write("c.txt", Array.from({ length: 8 }, (_, i) => `v${i}`).join("\n") + "\n");
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ws.call("edit", { path: i % 2 ? "c.txt" : "./c.txt", old_string: `v${i}\n`, new_string: `V${i}\n` })),
    );
    expect(results.filter((r) => r.isError)).toEqual([]);
    expect(await ws.read("c.txt")).toBe(Array.from({ length: 8 }, (_, i) => `V${i}`).join("\n") + "\n");
  });

  it("edits through a symlink inside the workspace without replacing the link", async () => {
    const { symlink, lstat } = await import("node:fs/promises");
    await ws.write("real.txt", "hello\n");
    await symlink(join(ws.root, "real.txt"), join(ws.root, "alias.txt"));
    await ws.call("edit", { path: "alias.txt", old_string: "hello", new_string: "bye" });
    expect(await ws.read("real.txt")).toBe("bye\n");
    expect((await lstat(join(ws.root, "alias.txt"))).isSymbolicLink()).toBe(true);
  });
});

describe("write_file", () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await createTempWorkspace();
  });
  afterEach(async () => {
    await ws.dispose();
  });

  it("creates parents, keeps an existing file's CRLF endings, and shows a diff", async () => {
    const created = await ws.call("write_file", { path: "a/b/c.txt", content: "1\n2\n" });
    expect(created.output).toContain("Created a/b/c.txt (2 lines, 4 bytes)");
    expect(await ws.read("a/b/c.txt")).toBe("1\n2\n");
    await ws.write("crlf.txt", "x\r\ny\r\n");
    const over = await ws.call("write_file", { path: "crlf.txt", content: "x\nz\n" });
    expect(await ws.read("crlf.txt")).toBe("x\r\nz\r\n");
    expect(over.output).toContain("-y\n+z");
  });

  it("refuses paths outside the workspace when not permitted", async () => {
    const { denyAll } = await import("@codetether/core");
    const result = await ws.call("write_file", { path: "../escape.txt", content: "x" }, { permissions: denyAll });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/outside the workspace/);
  });

  it("refuses to write through a dangling symlink that points outside, and writes the target of one inside", async () => {
    const { denyAll } = await import("@codetether/core");
    const { lstat, symlink } = await import("node:fs/promises");
    const { existsSync } = await import("node:fs");
    const outsideTarget = join(ws.root, "..", "outside-new.txt");
    await symlink(outsideTarget, join(ws.root, "dangling.txt"));
    const refused = await ws.call("write_file", { path: "dangling.txt", content: "x" }, { permissions: denyAll });
    expect(refused.isError).toBe(true);
    expect(refused.output).toMatch(/outside the workspace .*a symlink leads to/);
    expect(existsSync(outsideTarget)).toBe(false);
    expect((await lstat(join(ws.root, "dangling.txt"))).isSymbolicLink()).toBe(true);

    await symlink(join(ws.root, "later.txt"), join(ws.root, "inner.txt"));
    const written = await ws.call("write_file", { path: "inner.txt", content: "hi\n" });
    expect(written.isError).toBeUndefined();
    expect(await ws.read("later.txt")).toBe("hi\n");
    expect((await lstat(join(ws.root, "inner.txt"))).isSymbolicLink()).toBe(true);
  });

  it("asks before overwriting a .env file, so a headless run neither loses it nor shows its secrets", async () => {
    const { createPermissionGate } = await import("../permissions/create-permission-gate.js");
    const { PermissionRules } = await import("../permissions/permission-rules.js");
    await ws.write(".env", "API_TOKEN=supersecret\n");
    const headless = createPermissionGate({ rules: PermissionRules.defaults() });
    const result = await ws.call("write_file", { path: ".env", content: "X=1\n" }, { permissions: headless });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/Permission "edit" denied for "\.env"/);
    expect(result.output).not.toContain("supersecret");
    expect(await ws.read(".env")).toBe("API_TOKEN=supersecret\n");
  });

  it("refuses to overwrite a file changed since it was read", async () => {
    await ws.write("w.txt", "mine\n");
    await ws.call("read_file", { path: "w.txt" });
    await ws.write("w.txt", "theirs!\n");
    const result = await ws.call("write_file", { path: "w.txt", content: "new\n" });
    expect(result.isError).toBe(true);
    expect(await ws.read("w.txt")).toBe("theirs!\n");
  });
});
