import { describe, expect, it } from "vitest";
import { charsPerToken, estimateTokens } from "../index.js";

describe("estimateTokens", () => {
  it("is zero for empty text", () => {
    expect(estimateTokens("")).toBe(0);
  });

  it("estimates English prose at roughly four characters a token", () => {
    const prose = "The quick brown fox jumps over the lazy dog and keeps running through the field. ".repeat(20);
    const estimate = estimateTokens(prose);
    // A BPE tokenizer gives ~18 tokens per sentence here (360 in all).
    expect(estimate).toBeGreaterThan(300);
    expect(estimate).toBeLessThan(460);
  });

  it("counts dense text without whitespace at more tokens per character than prose", () => {
    const dense = "a9F3kQ0zX7pL2mN8".repeat(100);
    const prose = "the cat sat on a mat ".repeat(76);
    expect(dense.length).toBeCloseTo(prose.length, -2);
    expect(estimateTokens(dense)).toBeGreaterThan(estimateTokens(prose) * 1.3);
  });

  it("counts each CJK character as about one token", () => {
    expect(estimateTokens("你好世界".repeat(50))).toBeGreaterThanOrEqual(200);
  });

  it("chooses a smaller factor for lower whitespace ratios", () => {
    expect(charsPerToken(0.01)).toBeLessThan(charsPerToken(0.08));
    expect(charsPerToken(0.08)).toBeLessThan(charsPerToken(0.17));
    expect(charsPerToken(0.17)).toBeLessThan(charsPerToken(0.3));
  });
});
