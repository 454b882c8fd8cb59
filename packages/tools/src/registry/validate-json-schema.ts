import type { JsonSchema } from "@codetether/core";

/** One problem found in a value, with the path of the field (`edits[2].path`) it concerns. */
export interface SchemaViolation {
  path: string;
  message: string;
}

type Schema = JsonSchema & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean | Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
};

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === "number") return actual === "number" || actual === "integer";
  return actual === type;
}

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function label(path: string): string {
  return path === "" ? "arguments" : `\`${path}\``;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Checks a value against the JSON-Schema subset tool parameters use (type, properties, required,
 * items, enum, const, numeric and length bounds, additionalProperties, oneOf/anyOf). Returns every
 * violation so a model can fix all of them in one retry; an empty list means the value is valid.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown, path = ""): SchemaViolation[] {
  const s = schema as Schema;
  const out: SchemaViolation[] = [];

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => matchesType(value, t))) {
      out.push({ path, message: `${label(path)} must be ${types.join(" or ")}, got ${typeOf(value)} ${preview(value)}` });
      return out;
    }
  }
  if (s.enum !== undefined && !s.enum.some((e) => e === value)) {
    out.push({ path, message: `${label(path)} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(", ")}, got ${preview(value)}` });
  }
  if (s.const !== undefined && s.const !== value) {
    out.push({ path, message: `${label(path)} must be ${JSON.stringify(s.const)}, got ${preview(value)}` });
  }
  if (typeof value === "number") {
    if (s.minimum !== undefined && value < s.minimum) out.push({ path, message: `${label(path)} must be >= ${s.minimum}, got ${value}` });
    if (s.maximum !== undefined && value > s.maximum) out.push({ path, message: `${label(path)} must be <= ${s.maximum}, got ${value}` });
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      out.push({ path, message: `${label(path)} must be > ${s.exclusiveMinimum}, got ${value}` });
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      out.push({ path, message: `${label(path)} must be < ${s.exclusiveMaximum}, got ${value}` });
  }
  if (typeof value === "string") {
    if (s.minLength !== undefined && value.length < s.minLength)
      out.push({ path, message: `${label(path)} must have at least ${s.minLength} characters` });
    if (s.maxLength !== undefined && value.length > s.maxLength)
      out.push({ path, message: `${label(path)} must have at most ${s.maxLength} characters` });
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) out.push({ path, message: `${label(path)} must have at least ${s.minItems} items` });
    if (s.maxItems !== undefined && value.length > s.maxItems) out.push({ path, message: `${label(path)} must have at most ${s.maxItems} items` });
    if (s.items) value.forEach((item, i) => out.push(...validateJsonSchema(s.items as Schema, item, join(path, i))));
  }
  if (typeOf(value) === "object" && (s.properties || s.required || s.additionalProperties !== undefined)) {
    const obj = value as Record<string, unknown>;
    const props = s.properties ?? {};
    for (const key of s.required ?? []) {
      if (obj[key] === undefined) out.push({ path: join(path, key), message: `${label(join(path, key))} is required but missing` });
    }
    for (const [key, v] of Object.entries(obj)) {
      const child = props[key];
      if (child) {
        // A null for an optional field is how many models say "not given"; treat it as absent.
        if (v === null && !(s.required ?? []).includes(key) && !(child.type === "null" || (Array.isArray(child.type) && child.type.includes("null")))) continue;
        out.push(...validateJsonSchema(child, v, join(path, key)));
      } else if (s.additionalProperties === false) {
        const known = Object.keys(props);
        out.push({
          path: join(path, key),
          message: `${label(join(path, key))} is not a known field${known.length ? ` (expected: ${known.join(", ")})` : ""}`,
        });
      } else if (typeof s.additionalProperties === "object") {
        out.push(...validateJsonSchema(s.additionalProperties, v, join(path, key)));
      }
    }
  }
  for (const [keyword, branches] of [
    ["oneOf", s.oneOf],
    ["anyOf", s.anyOf],
  ] as const) {
    if (!branches) continue;
    const results = branches.map((b) => validateJsonSchema(b, value, path));
    const passing = results.filter((r) => r.length === 0).length;
    if (passing === 0) {
      // The closest branch is the one whose shape fit best: a mismatch at this level (wrong type)
      // is worse than any number of mismatches inside.
      const score = (r: SchemaViolation[]) => r.filter((v) => v.path === path).length * 1000 + r.length;
      const best = results.reduce((a, b) => (score(b) < score(a) ? b : a));
      out.push({ path, message: `${label(path)} matches none of the allowed forms (${keyword}); closest: ${best.map((v) => v.message).join("; ")}` });
    } else if (keyword === "oneOf" && passing > 1) {
      out.push({ path, message: `${label(path)} matches more than one of the allowed forms (oneOf)` });
    }
  }
  return out;
}
