import { describe, expect, it } from "vitest";
import { truncateText, utf8Head, utf8Length, utf8Tail } from "../index.js";

describe("UTF-8 safe cutting", () => {
  it("never splits a multi-byte character at the head", () => {
    const text = "aé€😀b"; // 1 + 2 + 3 + 4 + 1 bytes
    expect(utf8Head(text, 1)).toBe("a");
    expect(utf8Head(text, 2)).toBe("a");
    expect(utf8Head(text, 3)).toBe("aé");
    expect(utf8Head(text, 9)).toBe("aé€");
    expect(utf8Head(text, 10)).toBe("aé€😀");
  });

  it("never splits a multi-byte character or surrogate pair at the tail", () => {
    const text = "a😀€b";
    expect(utf8Tail(text, 1)).toBe("b");
    expect(utf8Tail(text, 3)).toBe("b");
    expect(utf8Tail(text, 4)).toBe("€b");
    expect(utf8Tail(text, 7)).toBe("€b");
    expect(utf8Tail(text, 8)).toBe("😀€b");
  });
});

describe("truncateText", () => {
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";

  it("leaves text within budget untouched", () => {
    expect(truncateText("short", { maxBytes: 100 })).toEqual({ text: "short", truncated: false, omittedBytes: 0, omittedLines: 0 });
  });

  it("keeps the head by lines and says how much was cut", () => {
    const r = truncateText(lines, { maxLines: 10 });
    expect(r.text.split("\n").filter(Boolean)).toHaveLength(10);
    expect(r.text.startsWith("line 1\n")).toBe(true);
    expect(r.omittedLines).toBe(90);
    expect(r.omittedBytes).toBe(utf8Length(lines) - utf8Length(r.text));
  });

  it("keeps the tail", () => {
    const r = truncateText(lines, { maxLines: 3, keep: "tail" });
    expect(r.text).toBe("line 98\nline 99\nline 100\n");
  });

  it("keeps both ends with a marker naming what was omitted", () => {
    const r = truncateText(lines, { maxLines: 10, keep: "both" });
    expect(r.text).toContain("line 1\n");
    expect(r.text).toContain("line 100");
    expect(r.text).not.toContain("line 50\n");
    expect(r.text).toMatch(/\[\d+ bytes, 90 lines omitted\]/);
  });

  it("respects a byte budget on multi-byte text", () => {
    const text = "€".repeat(1000);
    const r = truncateText(text, { maxBytes: 100, keep: "both" });
    expect(r.truncated).toBe(true);
    expect(r.text).not.toContain("\uFFFD");
    const kept = r.text.replace(/\n?… \[.*\] …\n/, "");
    expect(utf8Length(kept)).toBeLessThanOrEqual(100);
    expect(r.omittedBytes).toBe(3000 - utf8Length(kept));
  });
});
