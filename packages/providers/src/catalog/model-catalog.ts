import type { ModelInfo, ModelPricing } from "@codetether/core";

type Entry = Omit<ModelInfo, "provider">;

const price = (inputPerMTok: number, outputPerMTok: number, cachedInputPerMTok?: number, cacheWritePerMTok?: number): ModelPricing => ({
  inputPerMTok,
  outputPerMTok,
  ...(cachedInputPerMTok !== undefined ? { cachedInputPerMTok } : {}),
  ...(cacheWritePerMTok !== undefined ? { cacheWritePerMTok } : {}),
});

const model = (
  id: string,
  name: string,
  contextWindow: number,
  maxOutputTokens: number,
  caps: { tools?: boolean; vision?: boolean; reasoning?: boolean },
  pricing?: ModelPricing,
): Entry => ({
  id,
  name,
  contextWindow,
  maxOutputTokens,
  supportsTools: caps.tools ?? true,
  supportsVision: caps.vision ?? false,
  supportsReasoning: caps.reasoning ?? false,
  ...(pricing ? { pricing } : {}),
});

/**
 * Public list prices in USD per million tokens (standard tier, prompts under any long-context
 * surcharge). Models whose USD price is not published are listed without pricing.
 */
const BY_PROVIDER: Record<string, Entry[]> = {
  moonshotai: [
    model("kimi-k2.5", "Kimi K2.5", 262_144, 32_768, { vision: true, reasoning: true }, price(0.6, 3.0, 0.1)),
    model("kimi-k2-thinking", "Kimi K2 Thinking", 262_144, 32_768, { reasoning: true }, price(0.6, 2.5, 0.15)),
    model("kimi-k2-thinking-turbo", "Kimi K2 Thinking Turbo", 262_144, 32_768, { reasoning: true }, price(1.15, 8.0, 0.15)),
    model("kimi-k2-0905-preview", "Kimi K2 (0905)", 262_144, 32_768, {}, price(0.6, 2.5, 0.15)),
    model("kimi-k2-turbo-preview", "Kimi K2 Turbo", 262_144, 32_768, {}, price(1.15, 8.0, 0.15)),
    model("moonshot-v1-128k", "Moonshot v1 128k", 131_072, 8_192, {}, price(2.0, 5.0)),
  ],
  openai: [
    model("gpt-5.1", "GPT-5.1", 400_000, 128_000, { vision: true, reasoning: true }, price(1.25, 10.0, 0.125)),
    model("gpt-5", "GPT-5", 400_000, 128_000, { vision: true, reasoning: true }, price(1.25, 10.0, 0.125)),
    model("gpt-5-mini", "GPT-5 mini", 400_000, 128_000, { vision: true, reasoning: true }, price(0.25, 2.0, 0.025)),
    model("gpt-5-nano", "GPT-5 nano", 400_000, 128_000, { vision: true, reasoning: true }, price(0.05, 0.4, 0.005)),
    model("gpt-4.1", "GPT-4.1", 1_047_576, 32_768, { vision: true }, price(2.0, 8.0, 0.5)),
    model("gpt-4.1-mini", "GPT-4.1 mini", 1_047_576, 32_768, { vision: true }, price(0.4, 1.6, 0.1)),
    model("gpt-4.1-nano", "GPT-4.1 nano", 1_047_576, 32_768, { vision: true }, price(0.1, 0.4, 0.025)),
    model("gpt-4o", "GPT-4o", 128_000, 16_384, { vision: true }, price(2.5, 10.0, 1.25)),
    model("gpt-4o-mini", "GPT-4o mini", 128_000, 16_384, { vision: true }, price(0.15, 0.6, 0.075)),
    model("o3", "o3", 200_000, 100_000, { vision: true, reasoning: true }, price(2.0, 8.0, 0.5)),
    model("o4-mini", "o4-mini", 200_000, 100_000, { vision: true, reasoning: true }, price(1.1, 4.4, 0.275)),
  ],
  anthropic: [
    model("claude-opus-4-6", "Claude Opus 4.6", 200_000, 128_000, { vision: true, reasoning: true }, price(5.0, 25.0, 0.5, 6.25)),
    model("claude-sonnet-4-6", "Claude Sonnet 4.6", 200_000, 64_000, { vision: true, reasoning: true }, price(3.0, 15.0, 0.3, 3.75)),
    model("claude-opus-4-5", "Claude Opus 4.5", 200_000, 64_000, { vision: true, reasoning: true }, price(5.0, 25.0, 0.5, 6.25)),
    model("claude-sonnet-4-5", "Claude Sonnet 4.5", 200_000, 64_000, { vision: true, reasoning: true }, price(3.0, 15.0, 0.3, 3.75)),
    model("claude-haiku-4-5", "Claude Haiku 4.5", 200_000, 64_000, { vision: true, reasoning: true }, price(1.0, 5.0, 0.1, 1.25)),
    model("claude-opus-4-1", "Claude Opus 4.1", 200_000, 32_000, { vision: true, reasoning: true }, price(15.0, 75.0, 1.5, 18.75)),
    model("claude-sonnet-4-0", "Claude Sonnet 4", 200_000, 64_000, { vision: true, reasoning: true }, price(3.0, 15.0, 0.3, 3.75)),
    model("claude-3-5-haiku", "Claude Haiku 3.5", 200_000, 8_192, { vision: true }, price(0.8, 4.0, 0.08, 1.0)),
  ],
  google: [
    model("gemini-3-pro-preview", "Gemini 3 Pro (preview)", 1_048_576, 65_536, { vision: true, reasoning: true }, price(2.0, 12.0, 0.2)),
    model("gemini-2.5-pro", "Gemini 2.5 Pro", 1_048_576, 65_536, { vision: true, reasoning: true }, price(1.25, 10.0, 0.125)),
    model("gemini-2.5-flash", "Gemini 2.5 Flash", 1_048_576, 65_536, { vision: true, reasoning: true }, price(0.3, 2.5, 0.03)),
    model("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", 1_048_576, 65_536, { vision: true, reasoning: true }, price(0.1, 0.4, 0.01)),
    model("gemini-2.0-flash", "Gemini 2.0 Flash", 1_048_576, 8_192, { vision: true }, price(0.1, 0.4, 0.025)),
  ],
  deepseek: [
    model("deepseek-chat", "DeepSeek V3.2 (chat)", 131_072, 8_192, {}, price(0.28, 0.42, 0.028)),
    model("deepseek-reasoner", "DeepSeek V3.2 (thinking)", 131_072, 65_536, { reasoning: true }, price(0.28, 0.42, 0.028)),
  ],
  zhipuai: [
    model("glm-4.6", "GLM-4.6", 200_000, 128_000, { reasoning: true }, price(0.6, 2.2, 0.11)),
    model("glm-4.5", "GLM-4.5", 131_072, 98_304, { reasoning: true }, price(0.6, 2.2, 0.11)),
    model("glm-4.5-air", "GLM-4.5-Air", 131_072, 98_304, { reasoning: true }, price(0.2, 1.1, 0.03)),
    model("glm-4.5v", "GLM-4.5V", 65_536, 16_384, { vision: true, reasoning: true }, price(0.6, 1.8, 0.11)),
  ],
  stepfun: [
    model("step-3", "Step 3", 65_536, 8_192, { vision: true, reasoning: true }),
    model("step-2-16k", "Step 2 16k", 16_384, 8_192, {}),
  ],
  // Copilot is billed by subscription, so its models carry no per-token price.
  "github-copilot": [
    model("gpt-4.1", "GPT-4.1 (Copilot)", 128_000, 16_384, { vision: true }),
    model("gpt-5-mini", "GPT-5 mini (Copilot)", 128_000, 64_000, { vision: true, reasoning: true }),
    model("claude-sonnet-4.5", "Claude Sonnet 4.5 (Copilot)", 128_000, 16_000, { vision: true, reasoning: true }),
    model("gemini-2.5-pro", "Gemini 2.5 Pro (Copilot)", 128_000, 64_000, { vision: true, reasoning: true }),
  ],
};

/** OpenRouter resells the upstream models at the upstream price under `vendor/model` ids. */
const OPENROUTER: Array<[string, string, string]> = [
  ["moonshotai/kimi-k2.5", "moonshotai", "kimi-k2.5"],
  ["moonshotai/kimi-k2-thinking", "moonshotai", "kimi-k2-thinking"],
  ["openai/gpt-5", "openai", "gpt-5"],
  ["openai/gpt-5-mini", "openai", "gpt-5-mini"],
  ["anthropic/claude-sonnet-4.5", "anthropic", "claude-sonnet-4-5"],
  ["anthropic/claude-opus-4.5", "anthropic", "claude-opus-4-5"],
  ["google/gemini-2.5-pro", "google", "gemini-2.5-pro"],
  ["google/gemini-2.5-flash", "google", "gemini-2.5-flash"],
  ["deepseek/deepseek-chat", "deepseek", "deepseek-chat"],
  ["z-ai/glm-4.6", "zhipuai", "glm-4.6"],
];

function buildCatalog(): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const [provider, entries] of Object.entries(BY_PROVIDER)) for (const entry of entries) out.push({ ...entry, provider });
  for (const [id, provider, upstream] of OPENROUTER) {
    const source = BY_PROVIDER[provider]?.find((e) => e.id === upstream);
    if (source) out.push({ ...source, id, provider: "openrouter" });
  }
  return out;
}

/** Every model CodeTether knows, across providers. */
export const MODEL_CATALOG: readonly ModelInfo[] = Object.freeze(buildCatalog());
