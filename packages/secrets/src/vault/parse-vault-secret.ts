import type { ProviderSecret } from "../secret-store.js";

/**
 * Reads the fields of a provider secret (`api_key`, `base_url`, `organization`, `headers`) from a
 * KV v2 `data.data` object. Returns the secret, or a description of what is wrong with it.
 */
export function parseVaultSecret(data: unknown): ProviderSecret | { problem: string } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { problem: "has no data" };
  const fields = data as Record<string, unknown>;
  if (typeof fields.api_key !== "string" || fields.api_key.trim() === "") {
    const present = Object.keys(fields);
    return { problem: `has no api_key field${present.length > 0 ? ` (fields present: ${present.join(", ")})` : ""}` };
  }
  const secret: ProviderSecret = { apiKey: fields.api_key.trim() };
  for (const [field, key] of [["base_url", "baseUrl"], ["organization", "organization"]] as const) {
    const value = fields[field];
    if (value === undefined || value === null || value === "") continue;
    if (typeof value !== "string") return { problem: `has a ${field} that is not a string` };
    secret[key] = value;
  }
  if (fields.headers !== undefined && fields.headers !== null && fields.headers !== "") {
    const headers = parseHeaders(fields.headers);
    if (!headers) return { problem: `has headers that are neither an object of strings nor a JSON string of one` };
    secret.headers = headers;
  }
  return secret;
}

function parseHeaders(value: unknown): Record<string, string> | undefined {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = Object.entries(parsed);
  if (entries.some(([, v]) => typeof v !== "string")) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}
