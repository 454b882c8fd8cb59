import { CodetetherError } from "@codetether/core";
import { envVarsFor } from "../env/provider-env-vars.js";

export interface SecretNotFoundOptions {
  /** Variables that would provide the key (default: the built-in names). */
  envVars?: string[];
  /** Where a Vault key would go (defaults `secret`, `codetether/providers`). */
  vaultMount?: string;
  vaultPath?: string;
}

/** No store had a key for a provider; names every place looked in and every way to add one. */
export class SecretNotFoundError extends CodetetherError {
  readonly providerId: string;
  readonly tried: string[];

  constructor(providerId: string, tried: string[], options: SecretNotFoundOptions = {}) {
    const envVars = options.envVars ?? envVarsFor(providerId);
    const ways = [`run \`codetether auth login ${providerId}\``];
    if (envVars.length > 0) ways.push(`set ${envVars.join(" or ")}`);
    ways.push(`store it in Vault: vault kv put -mount=${options.vaultMount ?? "secret"} ${options.vaultPath ?? "codetether/providers"}/${providerId} api_key=…`);
    super("secret_not_found", `No API key for provider "${providerId}". Looked in: ${tried.length > 0 ? tried.join("; ") : "nowhere (no store configured)"}.`, {
      hint: `To add one: ${ways.join(", or ")}.`,
    });
    this.providerId = providerId;
    this.tried = tried;
  }
}
