/** Variables that hold credentials under names the suffix rules below would miss. */
const KNOWN_SECRETS = new Set([
  "OPENAI_API_KEY",
  "ANTHROPIC_API_KEY",
  "GEMINI_API_KEY",
  "GOOGLE_API_KEY",
  "GOOGLE_APPLICATION_CREDENTIALS",
  "MOONSHOT_API_KEY",
  "OPENROUTER_API_KEY",
  "GITHUB_TOKEN",
  "GH_TOKEN",
  "COPILOT_TOKEN",
  "VAULT_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AZURE_CLIENT_SECRET",
  "NPM_TOKEN",
  "CODETETHER_API_KEY",
]);

/** True for environment variable names that conventionally carry credentials. */
export function isSecretEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  return (
    KNOWN_SECRETS.has(upper) ||
    upper.endsWith("_API_KEY") ||
    upper.endsWith("_TOKEN") ||
    upper.includes("PASSWORD") ||
    upper.endsWith("_PASSWD") ||
    upper.endsWith("_PWD") ||
    upper.endsWith("_AUTH") ||
    upper.endsWith("_AUTHTOKEN") ||
    upper.endsWith("_CREDENTIALS") ||
    upper.endsWith("_PRIVATE_KEY") ||
    upper.includes("SECRET")
  );
}

/**
 * The environment a model-issued command runs in: the caller's environment without credentials,
 * and with every prompt a tool could block on (git credentials, ssh passphrases, pagers, editors)
 * turned off, because nobody is at the terminal to answer.
 */
export function commandEnv(base: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !isSecretEnvName(name)) env[name] = value;
  }
  delete env.GIT_ASKPASS;
  delete env.SSH_ASKPASS;
  const ssh = base.GIT_SSH_COMMAND?.trim() || "ssh";
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: "0",
    GIT_SSH_COMMAND: `${ssh} -o BatchMode=yes`,
    SSH_ASKPASS_REQUIRE: "never",
    GCM_INTERACTIVE: "never",
    GIT_EDITOR: "true",
    EDITOR: "true",
    VISUAL: "true",
    PAGER: "cat",
    GIT_PAGER: "cat",
    MANPAGER: "cat",
    DEBIAN_FRONTEND: "noninteractive",
    npm_config_yes: "true",
  });
  return { ...env, ...extra };
}
