import { describe, expect, it } from "vitest";
import { applyTextEdit } from "./apply-text-edit.js";

describe("applyTextEdit", () => {
  it("treats replacement text literally (no $& or $1 expansion)", () => {
    expect(applyTextEdit("a = 1\n", { old_string: "1", new_string: "$& $1 $$" }, "f").text).toBe("a = $& $1 $$\n");
  });

  it("replaces every indentation-tolerant match with replace_all, keeping each one's indentation", () => {
    const text = "if a:\n    x = 1\n    y = 2\nif b:\n        x = 1\n        y = 2\n";
    const result = applyTextEdit(text, { old_string: "x = 1\ny = 2", new_string: "z = 3", replace_all: true }, "f");
    expect(result).toMatchObject({ replacements: 2, lines: [2, 5], tolerant: true });
    expect(result.text).toBe("if a:\n    z = 3\nif b:\n        z = 3\n");
  });

  it("lists the lines of an ambiguous whitespace-tolerant match", () => {
    expect(() => applyTextEdit("  a\n  b\n\n    a\n    b\n", { old_string: "a\nb", new_string: "c" }, "f.py")).toThrow(
      "old_string matches 2 places in f.py (lines 1, 4)",
    );
  });

  it("matches a mid-line fragment whose spacing differs", () => {
    const result = applyTextEdit("call(a, b);\nother(a,\tb);\n", { old_string: "call(a,  b)", new_string: "call(b, a)" }, "f");
    expect(result).toMatchObject({ text: "call(b, a);\nother(a,\tb);\n", tolerant: true, lines: [1] });
    expect(applyTextEdit("  if (x &&  y) {\n", { old_string: "    x && y) ", new_string: "    x || y) " }, "f").text).toBe("  if (x || y) {\n");
    expect(() => applyTextEdit("f(a, b) + f(a,b)\nf(a,  b)\n", { old_string: "f(a, b)", new_string: "g" }, "x")).not.toThrow();
    expect(() => applyTextEdit("x = f(a,\tb) + f(a,  b)\n", { old_string: "f(a, b)", new_string: "g" }, "x.ts")).toThrow(
      "old_string matches 2 places in x.ts (lines 1, 1)",
    );
  });

  it("deletes matched lines entirely when new_string is empty", () => {
    expect(applyTextEdit("keep\n    drop me\nkeep\n", { old_string: "drop  me", new_string: "" }, "f").text).toBe("keep\nkeep\n");
  });

  it("refuses an empty or unchanged edit, naming the field", () => {
    expect(() => applyTextEdit("x", { old_string: "", new_string: "y" }, "f")).toThrow(/old_string is empty/);
    expect(() => applyTextEdit("x", { old_string: "x", new_string: "x" }, "f")).toThrow(/identical/);
  });
});
