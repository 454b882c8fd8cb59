import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic, writeFileAtomicSync } from "../index.js";

describe("writeFileAtomic", () => {
  it("creates parents, writes the content with the given mode, and leaves no temp file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-atomic-"));
    const path = join(dir, "a", "b", "state.json");
    await writeFileAtomic(path, '{"ok":true}', { mode: 0o600 });
    expect(readFileSync(path, "utf8")).toBe('{"ok":true}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, "a", "b"))).toEqual(["state.json"]);
  });

  it("replaces the old content whole and keeps it when the write fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-atomic-"));
    const path = join(dir, "state.json");
    writeFileSync(path, "old");
    writeFileAtomicSync(path, "new");
    expect(readFileSync(path, "utf8")).toBe("new");
    // A directory in the way makes the rename fail: the original must survive and no temp file remain.
    const blocked = join(dir, "blocked");
    mkdirSync(join(blocked, "inner"), { recursive: true });
    await expect(writeFileAtomic(blocked, "x")).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(["blocked", "state.json"]);
  });
});
