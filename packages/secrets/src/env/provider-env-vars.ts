import type { ProviderConfig } from "@codetether/core";

/**
 * The environment variables each built-in provider's key is read from, in order of preference.
 * Providers and the CLI use this for hints ("set OPENAI_API_KEY").
 */
export const PROVIDER_ENV_VARS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  openai: ["OPENAI_API_KEY"],
  anthropic: ["ANTHROPIC_API_KEY"],
  google: ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
  moonshotai: ["MOONSHOT_API_KEY"],
  openrouter: ["OPENROUTER_API_KEY"],
  stepfun: ["STEPFUN_API_KEY"],
  zhipuai: ["ZHIPUAI_API_KEY"],
  deepseek: ["DEEPSEEK_API_KEY"],
  "github-copilot": ["GITHUB_TOKEN"],
});

/**
 * The variables to read for `providerId`: a configured `[providers.<id>] api_key_env` first, then
 * the built-in names.
 */
export function envVarsFor(providerId: string, providers?: Record<string, ProviderConfig>): string[] {
  const configured = providers?.[providerId]?.api_key_env;
  const builtIn = PROVIDER_ENV_VARS[providerId] ?? [];
  return [...new Set([...(configured ? [configured] : []), ...builtIn])];
}
