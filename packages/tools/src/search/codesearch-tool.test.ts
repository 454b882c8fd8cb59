import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowAll, type ToolContext } from "@codetether/core";
import { createCodesearchTool } from "./codesearch-tool.js";
import { splitIdentifier } from "./split-identifier.js";
import { extractSymbols } from "./symbol-extractors.js";

let root: string;
const ctx = (): ToolContext => ({ root, signal: new AbortController().signal, permissions: allowAll, emit: () => {} });
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), "ct-codesearch-")));
  write(".gitignore", "node_modules/\n");
  write(
    "src/config.ts",
    [
      "export function parseConfigFile(path: string): Config {",
      "  return JSON.parse(path);",
      "}",
      "export class ConfigParser {",
      "  parse(text: string) {",
      "    return parseConfigFile(text);",
      "  }",
      "}",
      "export interface Config { retries: number }",
      "export const MAX_RETRIES = 3;",
    ].join("\n"),
  );
  write("src/app.ts", "import { parseConfigFile } from './config';\nconst cfg = parseConfigFile('x');\nhandleRequest();\n");
  write("server/server.go", "package server\n\ntype Server struct {\n\tport int\n}\n\nfunc (s *Server) HandleRequest(w Writer) {\n}\n");
  write("lib/loader.rs", "pub struct ConfigLoader {}\n\npub fn parse_config(text: &str) -> Config {\n    todo!()\n}\n");
  write("py/users.py", "class UserRepository:\n    def find_by_id(self, user_id):\n        return load_user_profile(user_id)\n\ndef load_user_profile(user_id):\n    pass\n");
  write("java/OrderService.java", "public class OrderService {\n    public Order findOrder(String id) {\n        return null;\n    }\n}\n");
  write("node_modules/dep/index.js", "export function parseConfigFileFromDep() {}\n");
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("identifier splitting and symbol extraction", () => {
  it("splits camelCase, acronyms, snake_case and digits into words", () => {
    expect(splitIdentifier("parseHTTPResponse_v2")).toEqual(["parse", "http", "response", "v2"]);
    expect(splitIdentifier("MAX_RETRIES")).toEqual(["max", "retries"]);
  });

  it("extracts definitions from TypeScript, Python, Go, Rust and Java", () => {
    const names = (path: string, text: string) => extractSymbols(path, text).map((s) => `${s.kind} ${s.name}@${s.line}`);
    expect(names("a.ts", "export async function load() {}\nclass A {\n  private run(x: number): void {\n  }\n}\ntype T = string;\nconst f = (a: number) => a;\nif (x) {\n}")).toEqual([
      "function load@1",
      "class A@2",
      "method run@3",
      "type T@6",
      "function f@7",
    ]);
    expect(names("a.py", "class Repo:\n    def get(self):\n        pass\ndef top():\n    pass\nLIMIT = 5\n")).toEqual(["class Repo@1", "method get@2", "function top@4", "const LIMIT@6"]);
    expect(names("a.go", "func (s *Server) Serve() {}\nfunc Main() {}\ntype Server struct {}\ntype Reader interface {}\n")).toEqual([
      "method Serve@1",
      "function Main@2",
      "struct Server@3",
      "interface Reader@4",
    ]);
    expect(names("a.rs", "pub(crate) async fn run() {}\npub trait Render {}\nenum Color { Red }\nconst MAX: u32 = 1;\n")).toEqual([
      "function run@1",
      "trait Render@2",
      "enum Color@3",
      "const MAX@4",
    ]);
    expect(names("A.java", "public final class A {\n  private static final int LIMIT = 3;\n  public List<String> names(int n) {\n")).toEqual([
      "class A@1",
      "const LIMIT@2",
      "method names@3",
    ]);
  });
});

describe("codesearch", () => {
  it("ranks the exact definition first, then its uses, skipping ignored directories", async () => {
    const result = await createCodesearchTool().execute({ query: "parseConfigFile" }, ctx());
    const lines = result.output.split("\n");
    expect(lines[0]).toBe("src/config.ts:1: function parseConfigFile — export function parseConfigFile(path: string): Config {");
    expect(lines.slice(1, 3).sort()).toEqual([
      "src/app.ts:1: use of parseConfigFile — import { parseConfigFile } from './config';",
      "src/config.ts:6: use of parseConfigFile — return parseConfigFile(text);",
    ]);
    expect(result.output).not.toContain("node_modules");
  });

  it("matches words of camelCase and snake_case names across languages", async () => {
    const result = await createCodesearchTool().execute({ query: "parse config" }, ctx());
    const defs = result.output.split("\n").filter((l) => !l.includes(": use of "));
    expect(defs.slice(0, 3).map((l) => l.split(" — ")[0])).toEqual([
      "src/config.ts:1: function parseConfigFile",
      "lib/loader.rs:3: function parse_config",
      "src/config.ts:4: class ConfigParser",
    ]);
  });

  it("finds prefixes and fuzzy spellings, definitions before uses", async () => {
    const tool = createCodesearchTool();
    const prefix = await tool.execute({ query: "HandleReq" }, ctx());
    expect(prefix.output.split("\n")[0]).toBe("server/server.go:7: method HandleRequest — func (s *Server) HandleRequest(w Writer) {");
    const fuzzy = await tool.execute({ query: "usrRepo" }, ctx());
    expect(fuzzy.output.split("\n")[0]).toBe("py/users.py:1: class UserRepository — class UserRepository:");
    const java = await tool.execute({ query: "find order" }, ctx());
    expect(java.output.split("\n")[0]).toBe("java/OrderService.java:2: method findOrder — public Order findOrder(String id) {");
  });

  it("limits results to a path", async () => {
    const result = await createCodesearchTool().execute({ query: "config", path: "lib" }, ctx());
    expect(result.output.split("\n").every((l) => l.startsWith("lib/"))).toBe(true);
    expect(result.output).toContain("struct ConfigLoader");
  });

  it("re-indexes only files that changed, and forgets deleted ones", async () => {
    const tool = createCodesearchTool();
    const index = tool.indexFor(root);
    expect(await index.update()).toEqual({ files: 6, reindexed: 6, removed: 0 });
    expect(await index.update()).toEqual({ files: 6, reindexed: 0, removed: 0 });

    write("src/app.ts", "export function renderDashboard() {}\n");
    const later = new Date(Date.now() + 5000);
    utimesSync(join(root, "src/app.ts"), later, later);
    unlinkSync(join(root, "java/OrderService.java"));
    const result = await tool.execute({ query: "renderDashboard" }, ctx());
    expect(result.output.split("\n")[0]).toBe("src/app.ts:1: function renderDashboard — export function renderDashboard() {}");
    expect(result.metadata?.indexed).toEqual({ files: 5, reindexed: 1, removed: 1 });
    expect((await tool.execute({ query: "findOrder" }, ctx())).output).toMatch(/^No identifiers match "findOrder" in 5 indexed source files\.$/);
  });
});
