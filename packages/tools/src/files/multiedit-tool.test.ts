import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "@codetether/core";
import { createTempWorkspace, type TempWorkspace } from "./temp-workspace.fixture.js";

describe("multiedit", () => {
  let ws: TempWorkspace;
  afterEach(async () => {
    await ws.dispose();
  });

  describe("with real writes", () => {
    beforeEach(async () => {
      ws = await createTempWorkspace();
      await ws.write("a.ts", "export const a = 1;\nexport const b = 2;\n");
      await ws.write("b.ts", "import { a } from './a';\r\nconsole.log(a);\r\n");
    });

    it("applies edits across files, in order within a file", async () => {
      const result = await ws.call("multiedit", {
        edits: [
          { path: "a.ts", old_string: "const a = 1", new_string: "const alpha = 1" },
          { path: "b.ts", old_string: "{ a }", new_string: "{ alpha }" },
          { path: "a.ts", old_string: "const alpha = 1;\n", new_string: "const alpha = 1;\nexport const a = alpha;\n" },
          { path: "b.ts", old_string: "log(a)", new_string: "log(alpha)" },
          { path: "c.ts", old_string: "", new_string: "export {};\n" },
        ],
      });
      expect(result.isError).toBeUndefined();
      expect(await ws.read("a.ts")).toBe("export const alpha = 1;\nexport const a = alpha;\nexport const b = 2;\n");
      expect(await ws.read("b.ts")).toBe("import { alpha } from './a';\r\nconsole.log(alpha);\r\n");
      expect(await ws.read("c.ts")).toBe("export {};\n");
      expect(result.output).toContain("Applied 5 edits to 3 files:\nM a.ts (2 edits)\nM b.ts (2 edits)\nA c.ts (1 edit)");
    });

    it("changes nothing when one edit fails to match, and names that edit", async () => {
      const result = await ws.call("multiedit", {
        edits: [
          { path: "a.ts", old_string: "const a = 1", new_string: "const a = 10" },
          { path: "b.ts", old_string: "console.log(a)", new_string: "console.info(a)" },
          { path: "b.ts", old_string: "does not exist", new_string: "x" },
        ],
      });
      expect(result.isError).toBe(true);
      expect(result.output).toMatch(/^edits\[2\] \(b\.ts\): old_string was not found in b\.ts/);
      expect(result.output).toContain("No file was changed.");
      expect(await ws.read("a.ts")).toBe("export const a = 1;\nexport const b = 2;\n");
      expect(await ws.read("b.ts")).toBe("import { a } from './a';\r\nconsole.log(a);\r\n");
    });
  });

  it("rolls back files already written when a later write fails", async () => {
    let writes = 0;
    ws = await createTempWorkspace({
      tools: {
        // The second file's write hits a full disk.
        writeFile: async (path, data, mode) => {
          if (++writes === 2) throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
          await writeFileAtomic(path, data, mode === undefined ? {} : { mode });
        },
      },
    });
    await ws.write("one.txt", "1\n");
    await ws.write("two.txt", "2\n");
    const result = await ws.call("multiedit", {
      edits: [
        { path: "one.txt", old_string: "1", new_string: "one" },
        { path: "two.txt", old_string: "2", new_string: "two" },
        { path: "three.txt", old_string: "", new_string: "three\n" },
      ],
    });
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/Writing .*two\.txt failed \(ENOSPC: no space left on device\); all files were restored/);
    expect(await ws.read("one.txt")).toBe("1\n");
    expect(await ws.read("two.txt")).toBe("2\n");
    await expect(ws.read("three.txt")).rejects.toMatchObject({ code: "ENOENT" });
  });
});
