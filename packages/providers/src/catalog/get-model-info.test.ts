import { describe, expect, it } from "vitest";
import { calculateCost, getModelInfo, KNOWN_PROVIDERS, MODEL_CATALOG } from "../index.js";

describe("model catalog", () => {
  it("knows kimi-k2.5, the default model, with its window, abilities and prices", () => {
    expect(getModelInfo("moonshotai/kimi-k2.5")).toMatchObject({
      id: "kimi-k2.5",
      provider: "moonshotai",
      contextWindow: 262_144,
      supportsTools: true,
      supportsVision: true,
      supportsReasoning: true,
      pricing: { inputPerMTok: 0.6, outputPerMTok: 3, cachedInputPerMTok: 0.1 },
      known: true,
    });
  });

  it("looks a bare model up under the default provider, then anywhere", () => {
    expect(getModelInfo("kimi-k2.5").provider).toBe("moonshotai");
    expect(getModelInfo("glm-4.6")).toMatchObject({ provider: "zhipuai", known: true });
  });

  it("matches dated snapshots to their model", () => {
    expect(getModelInfo("anthropic/claude-haiku-4-5-20251001")).toMatchObject({ id: "claude-haiku-4-5-20251001", known: true, contextWindow: 200_000 });
    expect(getModelInfo("openai/gpt-4o-2024-08-06")).toMatchObject({ known: true, pricing: { inputPerMTok: 2.5 } });
    expect(getModelInfo("openai/gpt-5-pro").known).toBe(false);
  });

  it("gives unknown models a conservative default marked as unknown", () => {
    expect(getModelInfo("ollama/qwen3:8b")).toEqual({
      id: "qwen3:8b",
      provider: "ollama",
      contextWindow: 128_000,
      maxOutputTokens: 8_192,
      supportsTools: true,
      supportsVision: false,
      supportsReasoning: false,
      known: false,
    });
    expect(calculateCost("ollama/qwen3:8b", { inputTokens: 1000, outputTokens: 1000 })).toBe(0);
  });

  it("prices OpenRouter's resold models like the upstream ones", () => {
    expect(getModelInfo("openrouter/anthropic/claude-sonnet-4.5").pricing).toEqual(getModelInfo("anthropic/claude-sonnet-4-5").pricing);
  });

  it("has sane numbers for every entry and models for every built-in provider", () => {
    for (const m of MODEL_CATALOG) {
      expect(m.contextWindow, m.id).toBeGreaterThan(0);
      expect(m.maxOutputTokens, m.id).toBeLessThanOrEqual(m.contextWindow);
      if (m.pricing) expect(m.pricing.outputPerMTok, m.id).toBeGreaterThanOrEqual(m.pricing.inputPerMTok);
      if (m.pricing?.cachedInputPerMTok !== undefined) expect(m.pricing.cachedInputPerMTok, m.id).toBeLessThan(m.pricing.inputPerMTok);
    }
    for (const p of KNOWN_PROVIDERS) expect(MODEL_CATALOG.some((m) => m.provider === p.id), p.id).toBe(true);
  });

  it("costs fresh input, cached input, cache writes and output each at their own price", () => {
    const usage = { inputTokens: 2_000_000, outputTokens: 1_000_000, cachedInputTokens: 1_000_000 };
    // gpt-5: 1.25 in, 0.125 cached, 10 out.
    expect(calculateCost("openai/gpt-5", usage)).toBeCloseTo(1.25 + 0.125 + 10, 10);
    expect(calculateCost(getModelInfo("openai/gpt-5"), { inputTokens: 0, outputTokens: 0 })).toBe(0);
  });
});
