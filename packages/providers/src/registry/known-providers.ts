import { PROVIDER_ENV_VARS } from "@codetether/secrets";

export type ProviderType = "openai" | "anthropic" | "google" | "github-copilot" | "openai-compatible";

/** A provider CodeTether knows without any config: where it lives and how its API differs. */
export interface KnownProvider {
  id: string;
  type: ProviderType;
  name: string;
  baseUrl: string;
  /** Environment variables the secret store reads its key from (for hints; providers never read them). */
  envVars: readonly string[];
  /** Chat-completions field that carries reasoning, echoed back on assistant turns. */
  reasoningField?: string;
  /** `max_completion_tokens` for OpenAI itself; hosts still take `max_tokens`. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  parallelToolCalls?: boolean;
}

const HOSTS: Array<Omit<KnownProvider, "envVars">> = [
  {
    id: "moonshotai",
    type: "openai-compatible",
    name: "Moonshot AI (Kimi)",
    baseUrl: "https://api.moonshot.ai/v1",
    reasoningField: "reasoning_content",
  },
  {
    id: "openai",
    type: "openai",
    name: "OpenAI",
    baseUrl: "https://api.openai.com/v1",
    maxTokensField: "max_completion_tokens",
    parallelToolCalls: true,
  },
  { id: "anthropic", type: "anthropic", name: "Anthropic", baseUrl: "https://api.anthropic.com" },
  {
    id: "google",
    type: "google",
    name: "Google Gemini",
    baseUrl: "https://generativelanguage.googleapis.com",
  },
  {
    id: "github-copilot",
    type: "github-copilot",
    name: "GitHub Copilot",
    baseUrl: "https://api.githubcopilot.com",
    parallelToolCalls: true,
  },
  { id: "openrouter", type: "openai-compatible", name: "OpenRouter", baseUrl: "https://openrouter.ai/api/v1" },
  { id: "stepfun", type: "openai-compatible", name: "StepFun", baseUrl: "https://api.stepfun.com/v1" },
  {
    id: "zhipuai",
    type: "openai-compatible",
    name: "Zhipu AI (GLM)",
    baseUrl: "https://open.bigmodel.cn/api/paas/v4",
  },
  {
    id: "deepseek",
    type: "openai-compatible",
    name: "DeepSeek",
    baseUrl: "https://api.deepseek.com/v1",
    reasoningField: "reasoning_content",
  },
];

export const KNOWN_PROVIDERS: readonly KnownProvider[] = HOSTS.map((host) => ({ ...host, envVars: PROVIDER_ENV_VARS[host.id] ?? [] }));

export function knownProvider(id: string): KnownProvider | undefined {
  return KNOWN_PROVIDERS.find((p) => p.id === id);
}
