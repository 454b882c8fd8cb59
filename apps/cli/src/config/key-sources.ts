import type { CodetetherConfig } from "@codetether/core";

export interface KeySourceLine {
  providerId: string;
  /** Where the key comes from (`vault`, `file`, `env`); never the value. */
  source: string;
}

/** Which providers have keys and from which source, as the secret store reports it. */
export async function describeKeySources(_config: CodetetherConfig): Promise<KeySourceLine[]> {
  return [];
}
