const SECRET_KEY = /(api[_-]?key|token|secret|password|authorization|credential)/i;

/** A copy of a config with every value that could be a credential masked, for display. */
export function redactConfigSecrets<T>(value: T, key = ""): T {
  if (Array.isArray(value)) return value.map((v) => redactConfigSecrets(v, key)) as T;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Header values often carry bearer tokens, whatever the header is called.
      if (k === "headers" && typeof v === "object" && v !== null) {
        out[k] = Object.fromEntries(Object.keys(v).map((h) => [h, "[REDACTED]"]));
      } else if (k === "permissions" && key === "") {
        // Rule values are only allow/ask/deny; a pattern such as "secrets/**" names a path, not a credential.
        out[k] = v;
      } else {
        out[k] = redactConfigSecrets(v, k);
      }
    }
    return out as T;
  }
  if (typeof value === "string" && SECRET_KEY.test(key) && !/_env$/i.test(key)) return "[REDACTED]" as T;
  if (typeof value === "string" && /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return redactUrl(value) as T;
  return value;
}

/** URLs carry credentials too: `https://user:key@host/…` or `…?api_key=…`. */
function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.password) {
    url.password = "REDACTED";
    changed = true;
  } else if (url.username) {
    // A lone user part is often a token (`https://<token>@host`).
    url.username = "REDACTED";
    changed = true;
  }
  for (const name of [...url.searchParams.keys()]) {
    if (SECRET_KEY.test(name) || /^(key|sig|signature)$/i.test(name)) {
      url.searchParams.set(name, "REDACTED");
      changed = true;
    }
  }
  return changed ? url.toString() : text;
}
