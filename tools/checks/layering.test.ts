import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findLayerViolations, importsOf, readProjects } from "./layering.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "ct-layers-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const manifest = (name: string, tags: string[], deps: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies: deps, nx: { tags } });

describe("layering check", () => {
  it("passes on this repository: every import points down", () => {
    const projects = readProjects(repoRoot);
    expect(projects.map((p) => p.name)).toContain("@codetether/core");
    expect(findLayerViolations(repoRoot)).toEqual([]);
  });

  it("flags an upward import in source, a same-floor import, an app import and a deep import", () => {
    const root = workspace({
      "packages/core/package.json": manifest("@x/core", ["floor:1"]),
      "packages/core/src/index.ts": 'import { loop } from "@x/loop";\nexport const a = 1;\n',
      "packages/tools/package.json": manifest("@x/tools", ["floor:2"]),
      "packages/tools/src/index.ts": 'export * from "@x/secrets";\nimport "@x/core/src/inner";\n',
      "packages/secrets/package.json": manifest("@x/secrets", ["floor:2"]),
      "packages/secrets/src/index.ts": "export {};\n",
      "packages/loop/package.json": manifest("@x/loop", ["floor:4"], { "@x/cli": "1" }),
      "packages/loop/src/index.ts": 'const m = await import("@x/core");\n',
      "apps/cli/package.json": manifest("@x/cli", ["type:app"]),
      "apps/cli/src/main.ts": 'import "@x/loop";\n',
    });
    const reasons = findLayerViolations(root).map((v) => `${v.project} -> ${v.imported}: ${v.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^@x\/core -> @x\/loop: .*floor 1.*floor 4/),
        expect.stringMatching(/^@x\/tools -> @x\/secrets: .*may not import/),
        expect.stringMatching(/^@x\/tools -> @x\/core\/src\/inner: deep import/),
        expect.stringMatching(/^@x\/loop -> @x\/cli: .*imports the app/),
      ]),
    );
    expect(reasons.some((r) => r.startsWith("@x/cli"))).toBe(false);
    expect(reasons.some((r) => r.startsWith("@x/loop -> @x/core"))).toBe(false);
  });

  it("ignores test files, which may use higher layers", () => {
    const root = workspace({
      "packages/core/package.json": manifest("@x/core", ["floor:1"]),
      "packages/core/src/a.test.ts": 'import "@x/loop";\n',
      "packages/loop/package.json": manifest("@x/loop", ["floor:4"]),
    });
    expect(findLayerViolations(root)).toEqual([]);
  });

  it("flags a relative import that escapes its package", () => {
    const root = workspace({
      "packages/core/package.json": manifest("@x/core", ["floor:1"]),
      "packages/core/src/a.ts": 'import "../../tools/src/index.js";\n',
    });
    expect(findLayerViolations(root)[0]?.reason).toMatch(/outside its package/);
  });

  it("reads static, dynamic, side-effect and require imports", () => {
    expect(importsOf('import a from "a";\nimport "b";\nconst c = await import("c");\nconst d = require("d");\nexport * from "e";')).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
    ]);
  });
});
