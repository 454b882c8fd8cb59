import { CodetetherError } from "@codetether/core";

/**
 * The first-run message: the model's provider has no key and no local server is configured. Says
 * every way to fix it, since a new user does not yet know which one they want.
 */
export class NoProviderError extends CodetetherError {
  readonly exitCode = 1;

  constructor(modelRef: string, providerId: string, envVars: string | undefined, cause?: unknown) {
    super("no_provider", `No model provider is ready: "${modelRef}" needs an API key for "${providerId}", and none was found.`, {
      hint: [
        "Give CodeTether a key in one of these ways:",
        `  • Vault: store it at secret/data/codetether/providers/${providerId} (field api_key) and set VAULT_ADDR and VAULT_TOKEN`,
        `  • codetether auth login ${providerId}   (saves it to the local key file, prompting without echo)`,
        `  • the environment: export ${envVars ?? `<the variable named by api_key_env in [providers.${providerId}]>`}=...`,
        "Or use a local OpenAI-compatible server (llama.cpp, Ollama, vLLM) — no key needed. In ~/.config/codetether-agent/config.toml:",
        '  default_model = "local/<model-name>"',
        "  [providers.local]",
        '  type = "openai-compatible"',
        '  base_url = "http://127.0.0.1:11434/v1"',
        "Pick another model for one run with --model provider/model.",
      ].join("\n"),
      ...(cause === undefined ? {} : { cause }),
    });
  }
}
