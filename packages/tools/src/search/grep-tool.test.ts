import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, denyAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { findRipgrep } from "./find-ripgrep.js";
import { createGrepTool, type GrepArgs } from "./grep-tool.js";

let root: string;
const ctx = (extra: Partial<ToolContext> = {}): ToolContext => ({
  root,
  signal: new AbortController().signal,
  permissions: allowAll,
  emit: () => {},
  ...extra,
});
const write = (path: string, content: string | Buffer) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

const withRg = createGrepTool({ ripgrep: "auto" });
const builtin = createGrepTool({ ripgrep: false });

/** Runs the call through both engines, checks they agree, and returns the shared output. */
async function both(args: GrepArgs): Promise<string> {
  const a = await withRg.execute(args, ctx());
  const b = await builtin.execute(args, ctx());
  expect(b.metadata?.engine).toBe("builtin");
  expect(a.output).toBe(b.output);
  return b.output;
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "ct-grep-")));
  write(".gitignore", "dist/\n*.log\n");
  write("src/app.ts", "import { greet } from './greet';\n\nexport function main() {\n  return greet('World');\n}\n");
  write("src/greet.ts", "export function greet(name: string) {\n  return `Hello ${name}`;\n}\n// Greet again\n");
  write("src/win.ts", "const a = greet;\r\nconst b = 2;\r\n");
  write("src/deep/nested/util.js", "function greet() {}\nmodule.exports = { greet };\n");
  write("dist/bundle.js", "function greet(){}\n");
  write("debug.log", "greet failed\n");
  write("logs/.gitignore", "!keep.log\n");
  write("logs/keep.log", "greet kept\n");
  write("logs/drop.txt", "nothing here\n");
  write(".config/settings.ts", "export const greetings = 1;\n");
  write(".git/HEAD", "greet in git dir\n");
  write("assets/blob.bin", Buffer.concat([Buffer.from("greet"), Buffer.from([0, 1, 2, 0]), Buffer.from("greet\n")]));
  write("regex.txt", "call a.b(c) here\nand axb(c) there\n");
  write("config/.env", "API_TOKEN=s3cr3t\n");
  write("config/.env.example", "API_TOKEN=placeholder\n");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("grep", () => {
  it("has ripgrep available for the comparison tests (install Debian's ripgrep)", () => {
    expect(findRipgrep()).toBeDefined();
  });

  it("finds matches grouped by file with counts, honouring .gitignore (nested negation too) and skipping .git and binary files", async () => {
    const output = await both({ pattern: "greet" });
    expect(output).toBe(
      [
        "Found 8 matching lines in 6 files.",
        "",
        ".config/settings.ts:1: export const greetings = 1;\n(1 match)",
        "",
        "logs/keep.log:1: greet kept\n(1 match)",
        "",
        "src/app.ts:1: import { greet } from './greet';\n--\nsrc/app.ts:4:   return greet('World');\n(2 matches)",
        "",
        "src/deep/nested/util.js:1: function greet() {}\nsrc/deep/nested/util.js:2: module.exports = { greet };\n(2 matches)",
        "",
        "src/greet.ts:1: export function greet(name: string) {\n(1 match)",
        "",
        "src/win.ts:1: const a = greet;\n(1 match)",
      ].join("\n"),
    );
    const withRgResult = await withRg.execute({ pattern: "greet" }, ctx());
    expect(withRgResult.metadata?.engine).toBe("ripgrep");
  });

  it("searches case-insensitively, within an include glob and a sub path", async () => {
    expect(await both({ pattern: "GREET", case_sensitive: false, include: "*.ts", path: "src" })).toBe(
      [
        "Found 5 matching lines in 3 files.",
        "",
        "src/app.ts:1: import { greet } from './greet';\n--\nsrc/app.ts:4:   return greet('World');\n(2 matches)",
        "",
        "src/greet.ts:1: export function greet(name: string) {\n--\nsrc/greet.ts:4: // Greet again\n(2 matches)",
        "",
        "src/win.ts:1: const a = greet;\n(1 match)",
      ].join("\n"),
    );
    expect(await both({ pattern: "greet", include: "deep/**/*.js", path: "src" })).toContain("src/deep/nested/util.js:2:");
    expect(await both({ pattern: "greet", include: "*.{md,txt}" })).toBe('No matches for "greet".');
  });

  it("searches an ignored directory named as path, still honouring the other ignore rules inside it", async () => {
    write("dist/trace.log", "greet in an ignored log\n");
    const output = await both({ pattern: "greet", path: "dist" });
    expect(output).toContain("dist/bundle.js:1: function greet(){}");
    expect(output).not.toContain("trace.log");
  });

  it("searches a saved (cut) tool output in the spill dir without the external_directory permission", async () => {
    const { createPermissionGate } = await import("../permissions/create-permission-gate.js");
    const { PermissionRules } = await import("../permissions/permission-rules.js");
    const spillDir = realpathSync(mkdtempSync(join(tmpdir(), "ct-grep-spill-")));
    try {
      writeFileSync(join(spillDir, "out.txt"), "line 1\nthe needle line\n");
      const headless = createPermissionGate({ rules: PermissionRules.defaults() });
      const tool = createGrepTool({ spillDir });
      const found = await tool.execute({ pattern: "needle", path: join(spillDir, "out.txt") }, ctx({ permissions: headless }));
      expect(found.output).toContain("out.txt:2: the needle line");
      const registry = new ToolRegistry([tool], { outputBudget: false });
      const elsewhere = await registry.execute("grep", { pattern: "x", path: tmpdir() }, ctx({ permissions: headless }));
      expect(elsewhere.output).toMatch(/outside the workspace/);
    } finally {
      rmSync(spillDir, { recursive: true, force: true });
    }
  });

  it("keeps honouring .gitignore when an include glob names ignored files", async () => {
    // rg's --glob would override .gitignore and search debug.log; both engines must leave it out.
    for (const include of ["*.log", "**/*.log"]) {
      const output = await both({ pattern: "greet", include });
      expect(output).toContain("logs/keep.log:1: greet kept");
      expect(output).not.toContain("debug.log");
    }
  });

  it("searches literal text with regex characters when literal is set", async () => {
    expect(await both({ pattern: "a.b(c)", literal: true })).toBe("Found 1 matching line in 1 file.\n\nregex.txt:1: call a.b(c) here\n(1 match)");
    expect(await both({ pattern: "a.b\\(c\\)" })).toContain("(2 matches)");
  });

  it("shows context lines around matches", async () => {
    expect(await both({ pattern: "Hello", context_lines: 1, path: "src/greet.ts" })).toBe(
      [
        "Found 1 matching line in 1 file.",
        "",
        "src/greet.ts-1- export function greet(name: string) {",
        "src/greet.ts:2:   return `Hello ${name}`;",
        "src/greet.ts-3- }",
        "(1 match)",
      ].join("\n"),
    );
  });

  it("stops at the limit and says how many matches were left out", async () => {
    const output = await both({ pattern: "greet", limit: 3 });
    expect(output).toContain("logs/keep.log:1:");
    expect(output).toContain("src/app.ts:1:");
    expect(output).toContain("(1 of 2 matches)");
    expect(output).not.toContain("src/app.ts:4:");
    expect(output).toMatch(/\[Showing 3 of 8 matching lines in 3 of 6 files; narrow the pattern/);
  });

  it("handles JavaScript regex features ripgrep lacks by falling back to the built-in engine", async () => {
    const result = await withRg.execute({ pattern: "greet(?=\\()", path: "src" }, ctx());
    expect(result.metadata?.engine).toBe("builtin");
    expect(result.output).toContain("src/greet.ts:1:");
    expect(result.output).not.toContain("src/app.ts:1:");
  });

  it("withholds matches in .env files from a tree search but shows their templates and an explicitly named file", async () => {
    const output = await both({ pattern: "API_TOKEN" });
    expect(output).toBe(
      "Found 1 matching line in 1 file.\n\nconfig/.env.example:1: API_TOKEN=placeholder\n(1 match)\n\n" +
        "[Matches in config/.env are not shown: such files hold secrets. Read one with read_file, which asks for permission, if you need it.]",
    );
    expect(await both({ pattern: "API_TOKEN", path: "config/.env" })).toContain("config/.env:1: API_TOKEN=s3cr3t");
  });

  it("reports an invalid pattern, a missing path and a path outside the workspace as tool errors", async () => {
    const registry = new ToolRegistry([builtin], { outputBudget: false });
    const bad = await registry.execute("grep", { pattern: "foo(" }, ctx());
    expect(bad.isError).toBe(true);
    expect(bad.output).toMatch(/not a valid regular expression[\s\S]*literal: true/);
    const missing = await registry.execute("grep", { pattern: "x", path: "nope" }, ctx());
    expect(missing.output).toMatch(/The path "nope" does not exist/);
    const outside = await registry.execute("grep", { pattern: "x", path: "/etc" }, ctx({ permissions: denyAll }));
    expect(outside.output).toMatch(/outside the workspace/);
  });
});
