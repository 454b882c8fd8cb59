import { describe, expect, it } from "vitest";
import { redact, REDACTED } from "../redact.js";
import { EnvSecretStore } from "./env-secret-store.js";
import { envVarsFor, PROVIDER_ENV_VARS } from "./provider-env-vars.js";

describe("EnvSecretStore", () => {
  it("reads each built-in provider from its documented variable", async () => {
    const env: NodeJS.ProcessEnv = {
      OPENAI_API_KEY: "sk-env-openai-01",
      ANTHROPIC_API_KEY: "sk-env-anthropic-02",
      GEMINI_API_KEY: "env-gemini-key-03",
      MOONSHOT_API_KEY: "sk-env-moonshot-04",
      OPENROUTER_API_KEY: "sk-env-openrouter-05",
      STEPFUN_API_KEY: "env-stepfun-key-06",
      ZHIPUAI_API_KEY: "env-zhipu-key-07",
      DEEPSEEK_API_KEY: "sk-env-deepseek-08",
      GITHUB_TOKEN: "ghp_envtoken0009",
    };
    const store = new EnvSecretStore({ env });
    const expected: Record<string, [string, string]> = {
      openai: ["OPENAI_API_KEY", "sk-env-openai-01"],
      anthropic: ["ANTHROPIC_API_KEY", "sk-env-anthropic-02"],
      google: ["GEMINI_API_KEY", "env-gemini-key-03"],
      moonshotai: ["MOONSHOT_API_KEY", "sk-env-moonshot-04"],
      openrouter: ["OPENROUTER_API_KEY", "sk-env-openrouter-05"],
      stepfun: ["STEPFUN_API_KEY", "env-stepfun-key-06"],
      zhipuai: ["ZHIPUAI_API_KEY", "env-zhipu-key-07"],
      deepseek: ["DEEPSEEK_API_KEY", "sk-env-deepseek-08"],
      "github-copilot": ["GITHUB_TOKEN", "ghp_envtoken0009"],
    };
    for (const [provider, [name, value]] of Object.entries(expected)) {
      expect(await store.get(provider)).toEqual({ found: true, source: "env", location: name, secret: { apiKey: value } });
    }
    expect((await store.list()).map((l) => l.providerId).sort()).toEqual(Object.keys(expected).sort());
    expect(redact("ghp_envtoken0009")).toBe(REDACTED);
  });

  it("prefers GOOGLE_API_KEY over GEMINI_API_KEY and ignores empty variables", async () => {
    const store = new EnvSecretStore({ env: { GOOGLE_API_KEY: "google-key-0010", GEMINI_API_KEY: "gemini-key-0011", OPENAI_API_KEY: "  " } });
    expect(await store.get("google")).toMatchObject({ found: true, location: "GOOGLE_API_KEY", secret: { apiKey: "google-key-0010" } });
    expect(await store.get("openai")).toEqual({ found: false, tried: ["env OPENAI_API_KEY"] });
  });

  it("reads a custom provider's key from its configured api_key_env", async () => {
    const providers = { vllm: { type: "openai-compatible" as const, base_url: "http://127.0.0.1:8000/v1", api_key_env: "VLLM_KEY" } };
    const store = new EnvSecretStore({ env: { VLLM_KEY: "vllm-key-000012" }, providers });
    expect(await store.get("vllm")).toMatchObject({ found: true, location: "VLLM_KEY" });
    expect(await store.list()).toEqual([{ providerId: "vllm", source: "env", location: "VLLM_KEY" }]);
    expect(envVarsFor("vllm", providers)).toEqual(["VLLM_KEY"]);
    expect(await new EnvSecretStore({ env: {} }).get("vllm")).toEqual({ found: false, tried: ['env (no variable known for "vllm")'] });
  });

  it("exports the provider → variable map the CLI uses for hints", () => {
    expect(PROVIDER_ENV_VARS.google).toEqual(["GOOGLE_API_KEY", "GEMINI_API_KEY"]);
    expect(PROVIDER_ENV_VARS["github-copilot"]).toEqual(["GITHUB_TOKEN"]);
    expect(PROVIDER_ENV_VARS.moonshotai).toEqual(["MOONSHOT_API_KEY"]);
  });
});
