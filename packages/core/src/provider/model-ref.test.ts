import { describe, expect, it } from "vitest";
import { CodetetherError, ModelRefError, formatModelRef, parseModelRef } from "../index.js";

describe("parseModelRef", () => {
  it("splits at the first slash so model ids keep their own slashes", () => {
    expect(parseModelRef("openrouter/openai/gpt-5")).toEqual({ provider: "openrouter", model: "openai/gpt-5" });
  });

  it("keeps colons inside the model id when a slash is present", () => {
    expect(parseModelRef("ollama/qwen3:8b")).toEqual({ provider: "ollama", model: "qwen3:8b" });
  });

  it("accepts provider:model when there is no slash", () => {
    expect(parseModelRef("anthropic:claude-sonnet-4-5")).toEqual({ provider: "anthropic", model: "claude-sonnet-4-5" });
  });

  it("resolves a bare model through the default provider", () => {
    expect(parseModelRef("kimi-k2.5", "moonshotai")).toEqual({ provider: "moonshotai", model: "kimi-k2.5" });
  });

  it("refuses a bare model when no default provider is configured, with a hint", () => {
    let caught: unknown;
    try {
      parseModelRef("gpt-5");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelRefError);
    expect(CodetetherError.isInstance(caught)).toBe(true);
    expect((caught as ModelRefError).code).toBe("model_ref_invalid");
    expect((caught as ModelRefError).hint).toMatch(/provider\/model/);
  });

  it.each(["", "  ", "/gpt-5", "openai/", ":x", "x:"])("rejects the malformed ref %j", (ref) => {
    expect(() => parseModelRef(ref, "openai")).toThrow(ModelRefError);
  });

  it("round-trips through formatModelRef", () => {
    expect(formatModelRef(parseModelRef("openrouter/openai/gpt-5"))).toBe("openrouter/openai/gpt-5");
  });
});
