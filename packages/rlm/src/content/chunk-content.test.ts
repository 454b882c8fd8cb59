import { describe, expect, it } from "vitest";
import { chunkContent } from "./chunk-content.js";

function covers(text: string, chunks: { text: string }[]) {
  // Chunks are cut between lines: together they hold every line exactly once, in order.
  expect(chunks.map((c) => c.text).join("\n")).toBe(text.endsWith("\n") ? text.slice(0, -1) : text);
}

describe("chunkContent", () => {
  it("cuts code before top-level definitions and keeps a doc comment with its function", () => {
    const fn = (name: string) => `/** Does ${name}. */\nexport function ${name}() {\n${"  work();\n".repeat(20)}}\n`;
    const text = [fn("alpha"), fn("beta"), fn("gamma")].join("\n");
    const chunks = chunkContent(text, { maxChars: 300, type: "code" });
    expect(chunks.map((c) => c.label)).toEqual(["/** Does alpha. */", "/** Does beta. */", "/** Does gamma. */"]);
    expect(chunks[1]?.text).toContain("export function beta()");
    expect(chunks[1]?.startLine).toBe(25);
    covers(text, chunks);
  });

  it("packs many small definitions into well-filled chunks, each starting at a definition", () => {
    const text = Array.from({ length: 60 }, (_, i) => `// Step ${i}.\nexport function step${i}() {\n  return ${i};\n}\n`).join("\n");
    const chunks = chunkContent(text, { maxChars: 1_000, type: "code" });
    for (const c of chunks) expect(c.text).toMatch(/^\/\/ Step \d+\.\nexport function step\d+/);
    for (const c of chunks.slice(0, -1)) expect(c.text.length).toBeGreaterThan(800);
    covers(text, chunks);
  });

  it("cuts logs before timestamped entries, so a stack trace stays with its entry", () => {
    const entry = (i: number, trace: boolean) =>
      `2026-11-02 10:00:${String(i).padStart(2, "0")} ERROR worker failed job=${i}` + (trace ? "\n    at run (job.js:10)\n    at main (index.js:3)" : "");
    const text = Array.from({ length: 12 }, (_, i) => entry(i, i % 3 === 0)).join("\n");
    const chunks = chunkContent(text, { maxChars: 200 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.startsWith("2026-11-02")).toBe(true);
      expect(c.text.length).toBeLessThanOrEqual(200);
    }
    covers(text, chunks);
  });

  it("cuts conversations before turns and documents before headings", () => {
    const turns = Array.from({ length: 8 }, (_, i) => `${i % 2 ? "Assistant" : "User"}: message number ${i} with some words in it`).join("\n");
    const conv = chunkContent(turns, { maxChars: 120, type: "conversation" });
    expect(conv.every((c) => /^(User|Assistant):/.test(c.text))).toBe(true);
    covers(turns, conv);

    const section = (t: string) => `## ${t}\n\n${"Some prose about the topic at hand. ".repeat(4)}\n`;
    const doc = ["# Guide", "", section("Install"), section("Configure"), section("Run")].join("\n");
    const parts = chunkContent(doc, { maxChars: 260, type: "documents" });
    expect(parts.slice(1).map((c) => c.label)).toEqual(["## Configure", "## Run"]);
    covers(doc, parts);
  });

  it("never exceeds the budget, cutting a line longer than it into pieces", () => {
    const text = `short\n${"x".repeat(250)}\nshort again\n${"y".repeat(50)}`;
    const chunks = chunkContent(text, { maxChars: 100, type: "documents" });
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(100);
    const pieces = chunks.filter((c) => c.startLine === 2);
    expect(pieces.map((c) => c.text.length)).toEqual([100, 100, 50]);
    expect(pieces.map((c) => c.label)).toEqual(["line 2 from char 0", "line 2 from char 100", "line 2 from char 200"]);
    expect(chunks.map((c) => c.text).join("").replace(/\n/g, "")).toBe(text.replace(/\n/g, ""));
    for (const c of chunks) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it("labels a part that starts inside a file with the file, skipping bare comment punctuation", () => {
    const fn = (i: number) => `/**\n * Handles case ${i}.\n */\nexport function handle${i}(x: number): number {\n  return x * ${i};\n}\n`;
    const text = `=== FILE: src/cases.ts ===\n${Array.from({ length: 12 }, (_, i) => fn(i)).join("\n")}`;
    const chunks = chunkContent(text, { maxChars: 300, type: "code" });
    expect(chunks[0]?.label).toBe("=== FILE: src/cases.ts ===");
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(1)) expect(c.label).toMatch(/^src\/cases\.ts: \* Handles case \d+\.$/);
  });

  it("treats file markers as hard boundaries", () => {
    const text = `=== FILE: a.txt ===\n${"alpha line\n".repeat(10)}=== FILE: b.txt ===\n${"beta line\n".repeat(10)}`;
    const chunks = chunkContent(text, { maxChars: 200 });
    expect(chunks.map((c) => c.label)).toEqual(["=== FILE: a.txt ===", "=== FILE: b.txt ==="]);
  });
});
