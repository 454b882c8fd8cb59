import type { CodetetherConfig } from "@codetether/core";
import { createSecretStore } from "@codetether/secrets";

export interface KeySourceLine {
  providerId: string;
  /** Where the key comes from (`vault`, `file`, `env`); never the value. */
  source: string;
  /** The Vault path, key file or variable name. */
  location?: string;
}

export interface KeySources {
  keys: KeySourceLine[];
  /** Sources that could not be listed (an unreachable Vault, say), as messages. */
  problems: string[];
}

/** Which providers have keys and from which source, as the secret store reports it. */
export async function describeKeySources(config: CodetetherConfig): Promise<KeySources> {
  const store = createSecretStore({ config, env: process.env });
  try {
    const { keys, problems } = await store.inventory();
    return {
      keys: keys.map((k) => ({ providerId: k.providerId, source: k.source, ...(k.location ? { location: k.location } : {}) })),
      problems: problems.map((p) => `${p.source}: ${p.error.message}`),
    };
  } finally {
    store.close();
  }
}
