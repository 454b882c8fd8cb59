import { parse } from "smol-toml";
import { ConfigError } from "../errors/config-error.js";
import { parseConfigText } from "./load-config.js";

/** Reads a command-line value as TOML (numbers, booleans, arrays, inline tables), else as a string. */
export function parseCliValue(raw: string): unknown {
  try {
    return (parse(`v = ${raw}`) as { v: unknown }).v;
  } catch {
    return raw;
  }
}

function splitKey(key: string): string[] {
  const parts = key.split(".").map((p) => p.trim());
  if (parts.length === 0 || parts.some((p) => p === "" || !/^[A-Za-z0-9_-]+$/.test(p))) {
    throw new ConfigError(`Invalid config key "${key}": use dotted names such as default_model or providers.local.base_url.`, { key });
  }
  return parts;
}

function renderKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** One TOML value on one line: tables become inline tables so the edit stays a single line. */
export function renderTomlValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `[${value.map(renderTomlValue).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${renderKey(k)} = ${renderTomlValue(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  throw new ConfigError(`Cannot write the value ${String(value)} to TOML.`);
}

const headerRe = /^\s*\[\s*([^\][]+?)\s*\]\s*(#.*)?$/;

/**
 * Sets `key` in TOML text, editing only the line it concerns so comments and layout survive. The
 * result is validated against the config schema before it is returned.
 */
export function setConfigValue(text: string, key: string, value: unknown, file = "<config>"): string {
  const parts = splitKey(key);
  const leaf = parts.at(-1) as string;
  const table = parts.slice(0, -1).join(".");
  const rendered = `${leaf} = ${renderTomlValue(value)}`;
  const lines = text.split("\n");
  let start = 0;
  let end = lines.length;
  if (table !== "") {
    const headerIndex = lines.findIndex((l) => headerRe.exec(l)?.[1]?.replace(/\s+/g, "") === table);
    if (headerIndex === -1) {
      const sep = text === "" || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n";
      return validated(`${text}${sep}[${table}]\n${rendered}\n`, file);
    }
    start = headerIndex + 1;
  }
  const next = lines.findIndex((l, i) => i >= start && headerRe.test(l));
  if (next !== -1) end = next;
  const keyRe = new RegExp(`^\\s*${leaf.replace(/-/g, "\\-")}\\s*=`);
  const existing = lines.findIndex((l, i) => i >= start && i < end && keyRe.test(l));
  if (existing !== -1) {
    lines[existing] = rendered;
  } else {
    let insertAt = end;
    while (insertAt > start && (lines[insertAt - 1] ?? "").trim() === "") insertAt--;
    // A root key must precede the first table header, or TOML would file it under that table.
    lines.splice(insertAt, 0, rendered);
  }
  return validated(lines.join("\n"), file);
}

function validated(text: string, file: string): string {
  parseConfigText(text, file);
  return text;
}
