const known = new Set<string>();
let pattern: RegExp | undefined;

/** Shorter values would mask ordinary words; real keys are far longer. */
const MIN_SECRET_LENGTH = 6;
export const REDACTED = "[REDACTED]";

/** Remembers a secret value so `redact` masks it from now on. Stores call this for every value they hand out. */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < MIN_SECRET_LENGTH || known.has(value)) return;
  known.add(value);
  pattern = undefined;
}

/** Masks every registered secret value inside `text`. */
export function redact(text: string): string {
  if (known.size === 0 || text === "") return text;
  pattern ??= new RegExp(
    [...known]
      .sort((a, b) => b.length - a.length)
      .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("|"),
    "g",
  );
  return text.replace(pattern, REDACTED);
}

/** Deep copy of a JSON-like value with every registered secret masked inside its strings. */
export function redactValue<T>(value: T): T {
  if (known.size === 0) return value;
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactValue) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)])) as T;
  }
  return value;
}

/** For tests: forget every registered value. */
export function clearRegisteredSecrets(): void {
  known.clear();
  pattern = undefined;
}
