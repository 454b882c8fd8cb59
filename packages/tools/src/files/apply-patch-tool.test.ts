import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempWorkspace, type TempWorkspace } from "./temp-workspace.fixture.js";

describe("apply_patch", () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await createTempWorkspace();
  });
  afterEach(async () => {
    await ws.dispose();
  });

  it("applies a real `git diff` with modified, new, deleted and renamed files", async () => {
    const body = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    await ws.write("src/main.c", body);
    await ws.write("docs/old-name.md", "# Title\n\nSome text\nmore text\n");
    await ws.write("gone.txt", "bye\n");
    await ws.write("tail.txt", "no newline at end");
    ws.git("add", "-A");
    ws.git("commit", "-qm", "base");

    await ws.write("src/main.c", body.replace("line 3\n", "line three\n").replace("line 30\n", "line 30\ninserted\n"));
    await ws.write("src/new/file.h", "#pragma once\n");
    await rm(join(ws.root, "gone.txt"));
    ws.git("mv", "docs/old-name.md", "docs/new-name.md");
    await ws.write("docs/new-name.md", "# Title\n\nSome text\nmore text, changed\n");
    await ws.write("tail.txt", "no newline at end\nnow has one\n");
    ws.git("add", "-A");
    const patch = ws.git("diff", "--cached", "-M");
    const expected = {
      main: await ws.read("src/main.c"),
      header: await ws.read("src/new/file.h"),
      doc: await ws.read("docs/new-name.md"),
      tail: await ws.read("tail.txt"),
    };
    ws.git("reset", "-q", "--hard");

    const result = await ws.call("apply_patch", { patch });
    expect(result.isError).toBeUndefined();
    expect(result.output).toContain("Applied patch (unified) to 5 files:");
    expect(result.output).toContain("R docs/old-name.md → docs/new-name.md");
    expect(await ws.read("src/main.c")).toBe(expected.main);
    expect(await ws.read("src/new/file.h")).toBe(expected.header);
    expect(await ws.read("docs/new-name.md")).toBe(expected.doc);
    expect(await ws.read("tail.txt")).toBe(expected.tail);
    await expect(ws.read("gone.txt")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(ws.read("docs/old-name.md")).rejects.toMatchObject({ code: "ENOENT" });
    // git agrees the tree now equals the patched one.
    ws.git("add", "-A");
    expect(ws.git("diff", "--cached", "-M", "--stat").trim()).toMatch(/5 files changed/);
  });

  it("applies git's quoted non-ASCII names and mode changes (chmod +x, new executable file)", async () => {
    const { stat } = await import("node:fs/promises");
    await ws.write("café.txt", "x\ny\n");
    await ws.write("run.sh", "echo hi\n");
    ws.git("add", "-A");
    ws.git("commit", "-qm", "base");
    await ws.write("café.txt", "x\nY\n");
    await ws.write("tools/new.sh", "echo new\n");
    const { chmod } = await import("node:fs/promises");
    await chmod(join(ws.root, "run.sh"), 0o755);
    await chmod(join(ws.root, "tools/new.sh"), 0o755);
    ws.git("add", "-A");
    const patch = ws.git("-c", "core.quotepath=true", "diff", "--cached");
    expect(patch).toContain('"a/caf\\303\\251.txt"');
    expect(patch).toContain("new mode 100755");
    ws.git("reset", "-q", "--hard");
    await rm(join(ws.root, "tools"), { recursive: true, force: true });

    const result = await ws.call("apply_patch", { patch });
    expect(result.isError).toBeUndefined();
    expect(await ws.read("café.txt")).toBe("x\nY\n");
    expect((await stat(join(ws.root, "run.sh"))).mode & 0o777).toBe(0o755);
    expect(await ws.read("tools/new.sh")).toBe("echo new\n");
    expect((await stat(join(ws.root, "tools/new.sh"))).mode & 0o777).toBe(0o755);
    expect(result.output).toContain("M run.sh (mode 755)");
    ws.git("add", "-A");
    expect(ws.git("diff", "--cached", "--stat").trim()).toMatch(/3 files changed/);
  });

  it("keeps CRLF endings when a model sends an LF patch for a CRLF file", async () => {
    await ws.write("win.ini", "[a]\r\nx=1\r\ny=2\r\n");
    const patch = "--- a/win.ini\n+++ b/win.ini\n@@ -1,3 +1,3 @@\n [a]\n-x=1\n+x=10\n y=2\n";
    const result = await ws.call("apply_patch", { patch });
    expect(result.isError).toBeUndefined();
    expect(await ws.read("win.ini")).toBe("[a]\r\nx=10\r\ny=2\r\n");
  });

  it("refuses a hunk whose context does not match and changes no file at all", async () => {
    await ws.write("a.txt", "one\ntwo\nthree\n");
    await ws.write("b.txt", "alpha\nbeta\ngamma\n");
    const patch = [
      "--- a/a.txt", "+++ b/a.txt", "@@ -1,3 +1,3 @@", " one", "-two", "+TWO", " three",
      "--- a/b.txt", "+++ b/b.txt", "@@ -1,3 +1,3 @@", " alpha", "-BETA", "+delta", " gamma", "",
    ].join("\n");
    const result = await ws.call("apply_patch", { patch });
    expect(result.isError).toBe(true);
    expect(result.output).toContain("b.txt: hunk 1 (@@ -1) does not match the file");
    expect(result.output).toContain("2: beta");
    expect(result.output).toContain("No file was changed.");
    expect(await ws.read("a.txt")).toBe("one\ntwo\nthree\n");
  });

  it("finds a hunk whose line numbers are off, but never ignores context", async () => {
    await ws.write("m.txt", "h1\nh2\nh3\na\nb\nc\n");
    const shifted = "--- a/m.txt\n+++ b/m.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
    expect((await ws.call("apply_patch", { patch: shifted })).isError).toBeUndefined();
    expect(await ws.read("m.txt")).toBe("h1\nh2\nh3\na\nB\nc\n");
    const fuzzy = "--- a/m.txt\n+++ b/m.txt\n@@ -4,3 +4,3 @@\n a\n-B\n+b\n x\n";
    expect((await ws.call("apply_patch", { patch: fuzzy })).isError).toBe(true);
  });

  it("accepts hunks with miscounted or missing line numbers, as models write them", async () => {
    await ws.write("n.txt", "a\nb\nc\n\nd\ne\n");
    const miscounted = "--- a/n.txt\n+++ b/n.txt\n@@ -1,2 +1,9 @@\n a\n-b\n+B\n c\n\n";
    expect((await ws.call("apply_patch", { patch: miscounted })).isError).toBeUndefined();
    expect(await ws.read("n.txt")).toBe("a\nB\nc\n\nd\ne\n");
    const bare = "--- n.txt\n+++ n.txt\n@@\n d\n-e\n+E\n";
    expect((await ws.call("apply_patch", { patch: bare })).isError).toBeUndefined();
    expect(await ws.read("n.txt")).toBe("a\nB\nc\n\nd\nE\n");
  });

  it("patches the existing file of a plain `diff -u file.orig file`, without renaming", async () => {
    await ws.write("conf.ini", "x=1\n");
    const patch = "--- conf.ini.orig\t2026-01-01 00:00:00\n+++ conf.ini\t2026-01-01 00:00:01\n@@ -1 +1 @@\n-x=1\n+x=2\n";
    const result = await ws.call("apply_patch", { patch });
    expect(result.output).toContain("M conf.ini");
    expect(await ws.read("conf.ini")).toBe("x=2\n");
  });

  it("applies the *** Begin Patch envelope: update with anchor, add, delete, move", async () => {
    await ws.write("app.py", "class A:\n    def f(self):\n        return 1\n\nclass B:\n    def f(self):\n        return 1\n");
    await ws.write("old.py", "x = 1\n");
    await ws.write("obsolete.py", "pass\n");
    const patch = [
      "*** Begin Patch",
      "*** Update File: app.py",
      "@@ class B:",
      "     def f(self):",
      "-        return 1",
      "+        return 2",
      "*** Add File: pkg/new.py",
      "+print('hi')",
      "*** Delete File: obsolete.py",
      "*** Update File: old.py",
      "*** Move to: renamed.py",
      "@@",
      "-x = 1",
      "+x = 2",
      "*** End Patch",
    ].join("\n");
    const result = await ws.call("apply_patch", { patch });
    expect(result.isError).toBeUndefined();
    expect(result.output).toContain("Applied patch (envelope) to 4 files:\nM app.py\nA pkg/new.py\nD obsolete.py\nR old.py → renamed.py");
    expect(await ws.read("app.py")).toBe("class A:\n    def f(self):\n        return 1\n\nclass B:\n    def f(self):\n        return 2\n");
    expect(await ws.read("pkg/new.py")).toBe("print('hi')\n");
    expect(await ws.read("renamed.py")).toBe("x = 2\n");
    await expect(ws.read("obsolete.py")).rejects.toMatchObject({ code: "ENOENT" });
    await expect(ws.read("old.py")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("reads patches wrapped the way models send them: a heredoc or a markdown fence", async () => {
    await ws.write("h.txt", "one\n");
    const heredoc = "apply_patch <<'EOF'\n*** Begin Patch\n*** Update File: h.txt\n-one\n+two\n*** End Patch\nEOF\n";
    expect((await ws.call("apply_patch", { patch: heredoc })).isError).toBeUndefined();
    expect(await ws.read("h.txt")).toBe("two\n");
    const fenced = "```diff\n--- a/h.txt\n+++ b/h.txt\n@@ -1 +1 @@\n-two\n+three\n```\n";
    expect((await ws.call("apply_patch", { patch: fenced })).isError).toBeUndefined();
    expect(await ws.read("h.txt")).toBe("three\n");
  });

  it("keeps CRLF in envelope updates and tolerates trailing whitespace differences", async () => {
    await writeFile(join(ws.root, "c.txt"), "keep  \r\nold\r\nend\r\n");
    const patch = "*** Begin Patch\n*** Update File: c.txt\n keep\n-old\n+new\n end\n*** End Patch\n";
    expect((await ws.call("apply_patch", { patch })).isError).toBeUndefined();
    expect(await readFile(join(ws.root, "c.txt"), "utf8")).toBe("keep  \r\nnew\r\nend\r\n");
  });

  it("refuses an envelope update whose lines are not in the file, and an add over an existing file", async () => {
    await ws.write("e.txt", "a\nb\n");
    const missing = await ws.call("apply_patch", { patch: "*** Begin Patch\n*** Update File: e.txt\n-zzz\n+y\n*** End Patch" });
    expect(missing.isError).toBe(true);
    expect(missing.output).toMatch(/e\.txt: chunk 1: these lines were not found:\n {4}zzz/);
    const exists = await ws.call("apply_patch", { patch: "*** Begin Patch\n*** Add File: e.txt\n+x\n*** End Patch" });
    expect(exists.output).toMatch(/e\.txt: cannot add the file: it already exists/);
    expect(await ws.read("e.txt")).toBe("a\nb\n");
  });

  it("refuses to patch a file that changed since it was read", async () => {
    await ws.write("s.txt", "1\n2\n");
    await ws.call("read_file", { path: "s.txt" });
    await ws.write("s.txt", "1\n2\n3\n");
    const result = await ws.call("apply_patch", { patch: "--- a/s.txt\n+++ b/s.txt\n@@ -1,2 +1,2 @@\n 1\n-2\n+two\n" });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/changed on disk since you last read it/);
    expect(await ws.read("s.txt")).toBe("1\n2\n3\n");
  });

  it("explains a patch it cannot read", async () => {
    const result = await ws.call("apply_patch", { patch: "please change foo to bar" });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/no file changes/);
    expect(result.output).toMatch(/Hint: Send a unified diff/);
    const empty = await ws.call("apply_patch", { patch: "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n" });
    expect(empty.output).toMatch(/changes nothing/);
  });

  it("refuses a patch that reaches outside the workspace", async () => {
    const { denyAll } = await import("@codetether/core");
    const result = await ws.call("apply_patch", { patch: "*** Begin Patch\n*** Add File: ../evil.sh\n+rm -rf /\n*** End Patch" }, { permissions: denyAll });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/outside the workspace/);
  });
});
