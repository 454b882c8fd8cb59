import { symlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempWorkspace, type TempWorkspace } from "./temp-workspace.fixture.js";

describe("list_dir and glob", () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await createTempWorkspace();
    await ws.write(".gitignore", "node_modules/\n*.log\nbuild/\n!build/keep.txt\n");
    await ws.write("src/index.ts", "x");
    await ws.write("src/util/strings.ts", "x");
    await ws.write("src/util/.hidden.ts", "x");
    await ws.write("src/generated/.gitignore", "*.gen.ts\n");
    await ws.write("src/generated/api.gen.ts", "x");
    await ws.write("src/generated/types.ts", "x");
    await ws.write("node_modules/pkg/index.js", "x");
    await ws.write("debug.log", "x");
    await ws.write("README.md", "x");
    await ws.git("add", ".");
  });
  afterEach(async () => {
    await ws.dispose();
  });

  it("list_dir shows a tree without ignored files, .git, or anything below depth", async () => {
    const result = await ws.call("list_dir", {});
    expect(result.output).toBe(
      ["./", ".gitignore", "README.md", "src/", "  generated/", "  index.ts", "  util/"].join("\n"),
    );
    const deep = await ws.call("list_dir", { path: "src", depth: 3 });
    expect(deep.output).toBe(
      ["src/", "generated/", "  .gitignore", "  types.ts", "index.ts", "util/", "  .hidden.ts", "  strings.ts"].join("\n"),
    );
  });

  it("list_dir stops at 1,000 entries and says how to see the rest", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    await mkdir(join(ws.root, "many"));
    await Promise.all(Array.from({ length: 1005 }, (_, i) => writeFile(join(ws.root, "many", `f${String(i).padStart(4, "0")}`), "")));
    const result = await ws.call("list_dir", { path: "many" });
    expect(result.output.split("\n")).toHaveLength(1 + 1000 + 2);
    expect(result.output).toMatch(/\(Showing 1000 of 1005 entries; list a subdirectory or lower depth/);
  });

  it("list_dir explains a file path and a missing path", async () => {
    expect((await ws.call("list_dir", { path: "README.md" })).output).toMatch(/is a file, not a directory/);
    expect((await ws.call("list_dir", { path: "nope" })).output).toMatch(/File not found: nope/);
  });

  it("list_dir and glob show an ignored directory asked for by name, instead of calling it empty", async () => {
    await ws.write("node_modules/pkg/lib/types.d.ts", "x");
    const listed = await ws.call("list_dir", { path: "node_modules/pkg" });
    expect(listed.output).toBe(["node_modules/pkg/", "index.js", "lib/", "  types.d.ts"].join("\n"));
    const globbed = await ws.call("glob", { pattern: "**/*.ts", path: "node_modules/pkg" });
    expect(globbed.output).toBe("node_modules/pkg/lib/types.d.ts");
    // From the root the ignored directory stays out of sight.
    expect((await ws.call("glob", { pattern: "**/*.d.ts" })).output).toMatch(/^No files match/);
  });

  it("glob returns matches newest first and honours nested .gitignore files", async () => {
    const t = Date.now() / 1000;
    await utimes(join(ws.root, "src/index.ts"), t - 300, t - 300);
    await utimes(join(ws.root, "src/util/strings.ts"), t - 100, t - 100);
    await utimes(join(ws.root, "src/generated/types.ts"), t - 200, t - 200);
    await utimes(join(ws.root, "src/util/.hidden.ts"), t - 400, t - 400);
    const result = await ws.call("glob", { pattern: "**/*.ts" });
    expect(result.output).toBe(["src/util/strings.ts", "src/generated/types.ts", "src/index.ts", "src/util/.hidden.ts"].join("\n"));
  });

  it("glob takes a directory, a literal prefix, braces and a limit", async () => {
    expect((await ws.call("glob", { pattern: "*.ts", path: "src" })).output).toBe("src/index.ts");
    expect((await ws.call("glob", { pattern: "src/util/*" })).output.split("\n").sort()).toEqual(["src/util/.hidden.ts", "src/util/strings.ts"]);
    expect((await ws.call("glob", { pattern: "*.{md,log}" })).output).toBe("README.md");
    const limited = await ws.call("glob", { pattern: "**/*", limit: 2 });
    expect(limited.output).toMatch(/\(Showing 2 of 7 matches, newest first/);
    expect((await ws.call("glob", { pattern: "**/*.rs" })).output).toBe("No files match **/*.rs in ..");
  });

  it("glob sends a pattern's own directory through the workspace guard", async () => {
    const { denyAll } = await import("@codetether/core");
    const escaped = await ws.call("glob", { pattern: "../**/*" }, { permissions: denyAll });
    expect(escaped.isError).toBe(true);
    expect(escaped.output).toMatch(/outside the workspace/);
    const absolute = await ws.call("glob", { pattern: "/etc/*" }, { permissions: denyAll });
    expect(absolute.output).toMatch(/Path "\/etc" is outside the workspace/);
    expect((await ws.call("glob", { pattern: `${ws.root}/src/*.ts` })).output).toBe("src/index.ts");
    expect((await ws.call("glob", { pattern: "./README.md" })).output).toBe("README.md");
  });

  it("glob does not follow a symlinked directory out of the workspace", async () => {
    await symlink("/usr/lib", join(ws.root, "sys"));
    const result = await ws.call("glob", { pattern: "**/*.so*" });
    expect(result.output).toMatch(/^No files match/);
  });
});
