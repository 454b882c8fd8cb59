/** What a provider needs to authenticate. Values are secret: never log or persist them. */
export interface ProviderSecret {
  apiKey: string;
  baseUrl?: string;
  organization?: string;
  headers?: Record<string, string>;
}

export type SecretSource = "vault" | "file" | "env";

export type SecretLookup =
  | { found: true; secret: ProviderSecret; source: SecretSource }
  /** `tried` names each place looked in (e.g. `vault secret/data/codetether/providers/openai`). */
  | { found: false; tried: string[] };

export interface SecretListing {
  providerId: string;
  source: SecretSource;
}

export interface SecretStore {
  get(providerId: string): Promise<SecretLookup>;
  /** Which providers have keys and from where; never the values. */
  list(): Promise<SecretListing[]>;
}
