import { DEFAULT_MODEL } from "./config-schema.js";

/** The commented file `codetether config --init` writes. Every key is documented, most commented out. */
export function defaultConfigText(): string {
  return `# CodeTether configuration.
# Layers: this file, then the project's .codetether/config.toml, then environment variables
# (CODETETHER_DEFAULT_MODEL, CODETETHER_DISABLE_ENV_FALLBACK, ...). See \`codetether config --show\`.

# The model used when none is given, as provider/model.
default_model = "${DEFAULT_MODEL}"

# API keys are never stored here: they come from Vault, \`codetether auth login <provider>\`, or the
# provider's environment variable (e.g. MOONSHOT_API_KEY).
[secrets]
# "vault-first": Vault, then the local key file, then environment variables.
# "vault-only": Vault alone (strict mode); same as CODETETHER_DISABLE_ENV_FALLBACK=1.
policy = "vault-first"
# vault_mount = "secret"
# vault_path = "codetether/providers"

# A local OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp) needs no key:
# [providers.local]
# type = "openai-compatible"
# base_url = "http://127.0.0.1:11434/v1"
# models = ["qwen3:8b"]

[permissions]
# Each tool: "allow", "ask" or "deny"; or patterns in order, the last match wins:
# bash = { "*" = "ask", "git status*" = "allow", "rm -rf *" = "deny" }
# edit = "allow"
# external_directory = "ask"
# auto_approve = false

[session]
# auto_title = true
# max_steps = 100

[ui]
# theme = "auto"
# show_reasoning = true

[rlm]
# max_iterations = 20
# max_subcalls = 50

[swarm]
# max_concurrency = 4
# strategy = "auto"

[ralph]
# max_iterations = 10
# quality_checks = ["npm test"]

[a2a]
# server_url = "https://platform.example"
# worker_name = "build-01"
`;
}
