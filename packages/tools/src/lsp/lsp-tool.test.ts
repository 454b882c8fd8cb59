import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { createLspTool, type LspTool } from "./lsp-tool.js";

let root: string;
let tool: LspTool;
let registry: ToolRegistry;
const ctx = (): ToolContext => ({ root, signal: new AbortController().signal, permissions: allowAll, emit: () => {} });
const run = (args: Record<string, unknown>) => registry.execute("lsp", args, ctx());

const MATH = `/** Adds two numbers. */
export function add(a: number, b: number): number {
  return a + b;
}

export class Calculator {
  total = 0;
  plus(n: number): this {
    this.total = add(this.total, n);
    return this;
  }
}
`;
const MAIN = `import { add, Calculator } from "./math";

const sum = add(1, 2);
const calc = new Calculator().plus(sum);
export const shown = calc.total;
`;
const BROKEN = `export const count: number = "three";
`;

// One server for the whole file: starting typescript-language-server is the slow part.
beforeAll(async () => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "ct-lsp-")));
  mkdirSync(join(root, "src"));
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", lib: ["ES2022"], types: [], module: "ESNext", moduleResolution: "Bundler", noEmit: true }, include: ["src"] }));
  writeFileSync(join(root, "src/math.ts"), MATH);
  writeFileSync(join(root, "src/main.ts"), MAIN);
  writeFileSync(join(root, "src/broken.ts"), BROKEN);
  writeFileSync(join(root, "notes.xyz"), "plain");
  tool = createLspTool();
  registry = new ToolRegistry([tool], { outputBudget: false });
});
afterAll(async () => {
  await tool?.dispose();
  rmSync(root, { recursive: true, force: true });
});

describe("lsp (typescript-language-server)", () => {
  it("finds the definition of an imported function in another file", async () => {
    const result = await run({ action: "definition", path: "src/main.ts", line: 3, column: 13 });
    expect(result.output).toBe("1 definition:\nsrc/math.ts:2:17: export function add(a: number, b: number): number {");
  });

  it("lists every reference to a function, declaration included", async () => {
    const result = await run({ action: "references", path: "src/math.ts", line: 2, column: 17 });
    const lines = result.output.split("\n");
    expect(lines[0]).toBe("4 references:");
    expect(lines.slice(1).sort()).toEqual(
      [
        "src/main.ts:1:10: import { add, Calculator } from \"./math\";",
        "src/main.ts:3:13: const sum = add(1, 2);",
        "src/math.ts:2:17: export function add(a: number, b: number): number {",
        "src/math.ts:9:18: this.total = add(this.total, n);",
      ].sort(),
    );
  });

  it("shows the type and documentation on hover", async () => {
    const result = await run({ action: "hover", path: "src/main.ts", line: 3, column: 13 });
    expect(result.output).toContain("add(a: number, b: number): number");
    expect(result.output).toContain("Adds two numbers.");
  });

  it("reports a type error as a diagnostic with its position and code", async () => {
    const result = await run({ action: "diagnostics", path: "src/broken.ts" });
    expect(result.output).toMatch(/^1 diagnostic:\nsrc\/broken\.ts:1:14: error \[2322\]: Type 'string' is not assignable to type 'number'\./);
    const clean = await run({ action: "diagnostics", path: "src/math.ts" });
    expect(clean.output).toBe("No diagnostics in src/math.ts.");
  });

  it("sees a file's new content after it changes on disk", async () => {
    writeFileSync(join(root, "src/broken.ts"), 'export const count: number = 3;\nexport const name: string = 4;\n');
    const result = await run({ action: "diagnostics", path: "src/broken.ts" });
    expect(result.output).toMatch(/^1 diagnostic:\nsrc\/broken\.ts:2:14: error \[2322\]: Type 'number' is not assignable to type 'string'\./);
  });

  it("lists a file's symbols as a tree", async () => {
    const result = await run({ action: "document_symbols", path: "src/math.ts" });
    // Children come in the server's order; the tree shape and kinds are what matter.
    const [first, second, ...children] = result.output.split("\n");
    expect([first, second]).toEqual(["function add (line 2)", "class Calculator (line 6)"]);
    expect(children.sort()).toEqual(["  method plus (line 8)", "  property total (line 7)"]);
  });

  it("completes members at a position and finds workspace symbols by name", async () => {
    const completion = await run({ action: "completion", path: "src/main.ts", line: 5, column: 27 });
    expect(completion.output).toMatch(/^\d+ completions:/);
    expect(completion.output).toMatch(/^total \(field\)/m);
    expect(completion.output).toMatch(/^plus \(method\)/m);
    const symbols = await run({ action: "workspace_symbols", path: "src/math.ts", query: "Calculator" });
    expect(symbols.output).toMatch(/^class Calculator — src\/math\.ts:6:\d+$/m);
  });

  it("reuses one running server and answers clear errors for bad calls", async () => {
    expect(tool.manager.size).toBe(1);
    const noServer = await run({ action: "document_symbols", path: "notes.xyz" });
    expect(noServer.isError).toBe(true);
    expect(noServer.output).toMatch(/No language server is configured for \.xyz[\s\S]*\[lsp\.servers\]/);
    const noPosition = await run({ action: "hover", path: "src/main.ts" });
    expect(noPosition.output).toMatch(/needs line and column/);
    const missing = await run({ action: "hover", path: "src/mai.ts", line: 1, column: 1 });
    expect(missing.output).toMatch(/File not found: src\/mai\.ts[\s\S]*Did you mean: main\.ts/);
    const directory = await run({ action: "document_symbols", path: "src" });
    expect(directory.output).toMatch(/src is not a file/);
  });
});

describe("lsp servers from config", () => {
  it("reports a configured server that exits at start-up, with what it printed", async () => {
    const broken = createLspTool({ servers: { quitter: { command: ["bash", "-c", "echo 'unknown flag --stdio' >&2; exit 3"], extensions: [".xyz"] } } });
    try {
      const result = await new ToolRegistry([broken], { outputBudget: false }).execute("lsp", { action: "document_symbols", path: "notes.xyz" }, ctx());
      expect(result.isError).toBe(true);
      expect(result.output).toMatch(/The quitter language server exited during start-up \(code 3\)\. It said: unknown flag --stdio/);
    } finally {
      await broken.dispose();
    }
  });

  it("answers an abort at once while a server is still starting", async () => {
    const silent = createLspTool({ servers: { silent: { command: ["sleep", "30"], extensions: [".xyz"] } } });
    try {
      const controller = new AbortController();
      const pending = new ToolRegistry([silent], { outputBudget: false }).execute(
        "lsp",
        { action: "document_symbols", path: "notes.xyz" },
        { ...ctx(), signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 50);
      const result = await pending;
      expect(result.isError).toBe(true);
      expect(result.output).toMatch(/lsp was aborted/);
    } finally {
      await silent.dispose();
    }
  });

  it("reports a configured server that cannot be started", async () => {
    const broken = createLspTool({ servers: { fake: { command: ["/nonexistent/lsp-server", "--stdio"], extensions: ["xyz"] } } });
    try {
      const result = await new ToolRegistry([broken], { outputBudget: false }).execute("lsp", { action: "document_symbols", path: "notes.xyz" }, ctx());
      expect(result.isError).toBe(true);
      expect(result.output).toMatch(/Could not start the fake language server \(\/nonexistent\/lsp-server\)/);
    } finally {
      await broken.dispose();
    }
  });
});
