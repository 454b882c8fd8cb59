import type { CodetetherError } from "@codetether/core";

/** What a provider needs to authenticate. Values are secret: never log or persist them. */
export interface ProviderSecret {
  apiKey: string;
  baseUrl?: string;
  organization?: string;
  headers?: Record<string, string>;
}

export type SecretSource = "vault" | "file" | "env";

export type SecretLookup =
  | {
      found: true;
      secret: ProviderSecret;
      source: SecretSource;
      /** Where exactly, never the value: a Vault path, the key file's path, or the variable's name. */
      location?: string;
    }
  /** `tried` names each place looked in (e.g. `vault secret/data/codetether/providers/openai`). */
  | {
      found: false;
      tried: string[];
      /** Failures met on the way (e.g. a `VaultError` for an unreachable or sealed Vault, or a 404). */
      errors?: CodetetherError[];
    };

export interface SecretListing {
  providerId: string;
  source: SecretSource;
  /** Where exactly, never the value: a Vault path, the key file's path, or the variable's name. */
  location?: string;
}

export interface SecretStore {
  get(providerId: string): Promise<SecretLookup>;
  /** Which providers have keys and from where; never the values. */
  list(): Promise<SecretListing[]>;
}
