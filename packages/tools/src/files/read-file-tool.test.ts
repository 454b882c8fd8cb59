import { symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPermissionGate } from "../permissions/create-permission-gate.js";
import { PermissionRules } from "../permissions/permission-rules.js";
import { createTempWorkspace, type TempWorkspace } from "./temp-workspace.fixture.js";

describe("read_file", () => {
  let ws: TempWorkspace;
  beforeEach(async () => {
    ws = await createTempWorkspace();
  });
  afterEach(async () => {
    await ws.dispose();
  });

  it("numbers lines and pages with offset and limit", async () => {
    await ws.write("a.txt", Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n") + "\n");
    const all = await ws.call("read_file", { path: "a.txt" });
    expect(all.isError).toBeUndefined();
    expect(all.output.split("\n")[0]).toBe("     1\tline 1");
    expect(all.output).toContain("    30\tline 30");
    expect(all.output).not.toContain("    31\t");
    const page = await ws.call("read_file", { path: "a.txt", offset: 10, limit: 3 });
    expect(page.output).toBe("    10\tline 10\n    11\tline 11\n    12\tline 12\n\n(a.txt has 30 lines; showed 10–12. Continue with offset=13.)");
  });

  it("shows CRLF files without carriage returns", async () => {
    await ws.write("w.txt", "one\r\ntwo\r\n");
    expect((await ws.call("read_file", { path: "w.txt" })).output).toBe("     1\tone\n     2\ttwo");
  });

  it("refuses binary files and reports offsets past the end", async () => {
    await ws.write("img.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3]));
    const bin = await ws.call("read_file", { path: "img.png" });
    expect(bin.isError).toBe(true);
    expect(bin.output).toMatch(/img\.png is a binary file \(11 bytes\)/);
    await ws.write("short.txt", "x\n");
    expect((await ws.call("read_file", { path: "short.txt", offset: 5 })).output).toMatch(/offset 5 is past the end of short\.txt \(1 lines\)/);
  });

  it("streams a huge file and shows only the window asked for", async () => {
    const line = `${"y".repeat(99)}\n`;
    await ws.write("big.log", line.repeat(100_000)); // ~10 MB, above the streaming threshold
    const result = await ws.call("read_file", { path: "big.log", offset: 99_998, limit: 2 });
    expect(result.output).toContain(" 99998\t");
    expect(result.output).toContain(" 99999\t");
    expect(result.output).toMatch(/Large file: 9\.5 MiB/);
  });

  it("cuts very long lines and suggests similar names for a missing file", async () => {
    await ws.write("min.js", `${"z".repeat(5000)}\n`);
    expect((await ws.call("read_file", { path: "min.js" })).output).toMatch(/… \[line cut: 5000 chars\]$/);
    await ws.write("src/config.ts", "");
    const missing = await ws.call("read_file", { path: "src/config.js" });
    expect(missing.isError).toBe(true);
    expect(missing.output).toContain("File not found: src/config.js");
    expect(missing.output).toContain("Did you mean: config.ts?");
  });

  it("refuses to read through a symlink that leaves the workspace", async () => {
    const outside = join(dirname(ws.root), "outside.txt");
    await writeFile(outside, "secret");
    await symlink(outside, join(ws.root, "link.txt"));
    const ctx = { permissions: createPermissionGate({ rules: PermissionRules.defaults() }) };
    const result = await ws.call("read_file", { path: "link.txt" }, ctx);
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/outside the workspace .*a symlink leads to/);
    expect((await ws.call("read_file", { path: "../outside.txt" }, ctx)).output).toMatch(/outside the workspace/);
  });

  it("reads a cut output's spill file without the external_directory permission", async () => {
    const headless = createPermissionGate({ rules: PermissionRules.defaults() });
    const huge = Array.from({ length: 3000 }, (_, i) => `out ${i}`).join("\n");
    await ws.write("huge.txt", huge);
    const cut = await ws.call("read_file", { path: "huge.txt", limit: 3000 });
    const spillPath = cut.metadata?.fullOutputPath as string;
    expect(spillPath).toBeTruthy();
    const again = await ws.call("read_file", { path: spillPath, offset: 2999, limit: 2 }, { permissions: headless });
    expect(again.isError).toBeUndefined();
    expect(again.output).toContain("  2999\tout 2998");
    // Elsewhere outside the workspace stays closed.
    expect((await ws.call("read_file", { path: "/etc/hostname" }, { permissions: headless })).output).toMatch(/outside the workspace/);
  });

  it("reports each permission decision as an event", async () => {
    await ws.write("p.txt", "x\n");
    await ws.call("read_file", { path: "p.txt" });
    expect(ws.events.filter((e) => e.type === "permission_asked")).toEqual([
      { type: "permission_asked", tool: "read_file", permission: "read", pattern: "p.txt", granted: true, callId: undefined },
    ]);
  });

  it("asks before reading .env under the default rules, so a headless run is refused", async () => {
    await ws.write(".env", "TOKEN=1\n");
    const gate = createPermissionGate({ rules: PermissionRules.defaults() });
    const result = await ws.call("read_file", { path: ".env" }, { permissions: gate });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/Permission "read" denied for "\.env": it needs approval and this run is headless/);
  });
});
