import { describe, expect, it } from "vitest";
import { ContentIndex } from "./content-index.js";

describe("ContentIndex", () => {
  it("indexes lines once and reads them by number, with or without a trailing newline", () => {
    const a = new ContentIndex("one\ntwo\r\nthree\n");
    expect(a.lineCount).toBe(3);
    expect([a.line(0), a.line(1), a.line(2)]).toEqual(["one", "two", "three"]);
    expect(a.range(1, 2)).toBe("two\r\nthree");
    const b = new ContentIndex("one\n\nthree");
    expect(b.lineCount).toBe(3);
    expect(b.line(1)).toBe("");
    expect(b.range(0, 99)).toBe("one\n\nthree");
    expect(new ContentIndex("").lineCount).toBe(0);
    expect(new ContentIndex("").range(0, 5)).toBe("");
  });

  it("finds the line holding an offset", () => {
    const idx = new ContentIndex("ab\ncd\nef");
    expect([0, 2, 3, 5, 6, 7].map((o) => idx.lineAt(o))).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
