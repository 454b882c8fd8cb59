import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyOutputBudget } from "./output-budget.js";

describe("applyOutputBudget", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "ct-spill-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("leaves an output within budget untouched and writes nothing", async () => {
    const result = await applyOutputBudget("small\n", { toolName: "bash", spillDir: dir });
    expect(result).toEqual({ output: "small\n", truncated: false, omittedBytes: 0, omittedLines: 0 });
    expect(await readdir(dir)).toEqual([]);
  });

  it("cuts over 2,000 lines by default, keeping head and tail, and spills the full text", async () => {
    const text = Array.from({ length: 3000 }, (_, i) => `row ${i}`).join("\n") + "\n";
    const result = await applyOutputBudget(text, { toolName: "bash", spillDir: dir });
    expect(result.truncated).toBe(true);
    expect(result.omittedLines).toBe(1000);
    expect(result.output.startsWith("row 0\n")).toBe(true);
    expect(result.output).toContain("row 2999");
    expect(result.output).not.toContain("row 1500\n");
    expect(result.output).toContain(`saved at ${result.fullOutputPath}`);
    expect(await readFile(result.fullOutputPath as string, "utf8")).toBe(text);
    expect(result.fullOutputPath).toMatch(/-bash-[0-9a-f]+\.txt$/);
  });

  it("cuts over 64 KiB by default even on few lines", async () => {
    const text = "x".repeat(200 * 1024);
    const result = await applyOutputBudget(text, { toolName: "read_file", spillDir: dir });
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.output)).toBeLessThan(66 * 1024);
    expect(result.omittedBytes).toBe(200 * 1024 - 64 * 1024);
  });

  it("removes week-old spill files but keeps recent ones", async () => {
    const { utimes } = await import("node:fs/promises");
    await writeFile(join(dir, "old.txt"), "old");
    await writeFile(join(dir, "recent.txt"), "recent");
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    await utimes(join(dir, "old.txt"), eightDaysAgo, eightDaysAgo);
    const result = await applyOutputBudget("z\n".repeat(30), { toolName: "t", spillDir: dir, maxLines: 10 });
    const names = await readdir(dir);
    expect(names).toContain("recent.txt");
    expect(names).not.toContain("old.txt");
    expect(names).toContain(result.fullOutputPath?.slice(dir.length + 1));
  });

  it("still returns head and tail when the spill file cannot be written", async () => {
    await writeFile(join(dir, "a-file"), "");
    const result = await applyOutputBudget("a\n".repeat(50), { toolName: "t", spillDir: join(dir, "a-file", "spill"), maxLines: 10 });
    expect(result.truncated).toBe(true);
    expect(result.fullOutputPath).toBeUndefined();
    expect(result.output).toMatch(/saving the full output failed/);
  });
});
