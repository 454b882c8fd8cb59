import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse, TomlError } from "smol-toml";
import type { z } from "zod";
import { ConfigError } from "../errors/config-error.js";
import { findGitRoot } from "../paths/git-root.js";
import { userConfigPath, type PathEnv } from "../paths/data-dir.js";
import { configSchema, type CodetetherConfig } from "./config-schema.js";

export type ConfigLayerSource = "user" | "project" | "env";

export interface ConfigLayer {
  source: ConfigLayerSource;
  /** The file it came from; absent for the environment layer. */
  path?: string;
  values: CodetetherConfig;
}

export interface LoadedConfig {
  config: CodetetherConfig;
  layers: ConfigLayer[];
  /** The user config file, whether or not it exists (where `config --init` writes). */
  userPath: string;
  projectPath?: string;
}

export interface LoadConfigOptions extends PathEnv {
  cwd?: string;
}

/**
 * Loads the user config, then the nearest project `.codetether/config.toml` (from `cwd` up to the
 * git root), then environment variables; later layers override earlier ones key by key.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const userPath = env.CODETETHER_CONFIG ?? userConfigPath(options);
  const layers: ConfigLayer[] = [];
  if (existsSync(userPath)) layers.push({ source: "user", path: userPath, values: readConfigFile(userPath) });
  const projectPath = findProjectConfig(options.cwd ?? process.cwd());
  if (projectPath && resolve(projectPath) !== resolve(userPath)) {
    layers.push({ source: "project", path: projectPath, values: readConfigFile(projectPath) });
  }
  const fromEnv = configFromEnv(env);
  if (Object.keys(fromEnv).length > 0) layers.push({ source: "env", values: fromEnv });
  const merged = layers.reduce<Record<string, unknown>>((acc, layer) => deepMerge(acc, layer.values), {});
  return { config: merged as CodetetherConfig, layers, userPath, ...(projectPath ? { projectPath } : {}) };
}

export function findProjectConfig(cwd: string): string | undefined {
  const stop = findGitRoot(cwd);
  let dir = resolve(cwd);
  while (true) {
    const candidate = join(dir, ".codetether", "config.toml");
    if (existsSync(candidate)) return candidate;
    if (dir === stop) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function readConfigFile(path: string): CodetetherConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${path}: ${(error as Error).message}`, { file: path });
  }
  return parseConfigText(text, path);
}

/** Parses and validates TOML config text; errors name the file, the line or key, and what is expected. */
export function parseConfigText(text: string, file = "<config>"): CodetetherConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split("\n")[0] ?? error.message;
      throw new ConfigError(`${file}:${error.line}:${error.column}: invalid TOML: ${reason}`, {
        file,
        line: error.line,
        column: error.column,
      });
    }
    throw error;
  }
  return validateConfig(raw, file);
}

export function validateConfig(raw: unknown, file = "<config>"): CodetetherConfig {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const key = issuePath(issue);
  throw new ConfigError(`${file}: ${key ? `key "${key}"` : "config"}: ${describeIssue(issue)}`, { file, key }, undefined);
}

function issuePath(issue: z.core.$ZodIssue): string {
  const parts = [...issue.path];
  if (issue.code === "unrecognized_keys") parts.push(...issue.keys.slice(0, 1));
  return parts.map(String).join(".");
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown key; expected one of the documented keys (see \`codetether config --init\` for a commented example)`;
    case "invalid_type":
      return `expected ${issue.expected}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message;
  }
}

/** The variable behind each config key the environment layer sets, for error messages. */
const ENV_KEYS: Record<string, string> = {
  default_model: "CODETETHER_DEFAULT_MODEL",
  "secrets.policy": "CODETETHER_SECRETS_POLICY",
  "a2a.server_url": "CODETETHER_A2A_SERVER",
};

function configFromEnv(env: NodeJS.ProcessEnv): CodetetherConfig {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  const section = (name: string) => ((out[name] as Record<string, unknown>) ??= {});
  if (env.CODETETHER_DEFAULT_MODEL) out.default_model = env.CODETETHER_DEFAULT_MODEL;
  if (env.CODETETHER_SECRETS_POLICY) section("secrets").policy = env.CODETETHER_SECRETS_POLICY;
  if (isTruthy(env.CODETETHER_DISABLE_ENV_FALLBACK)) section("secrets").policy = "vault-only";
  if (isTruthy(env.CODETETHER_AUTO_APPROVE)) section("permissions").auto_approve = true;
  if (env.CODETETHER_A2A_SERVER) section("a2a").server_url = env.CODETETHER_A2A_SERVER;
  try {
    return validateConfig(out, "environment");
  } catch (error) {
    // There is no file to fix: name the variable that holds the bad value.
    const name = error instanceof ConfigError && error.key ? ENV_KEYS[error.key] : undefined;
    if (!name) throw error;
    throw new ConfigError(
      `Environment variable ${name}: ${error instanceof Error ? error.message.replace(/^environment: /, "") : String(error)}`,
      { key: (error as ConfigError).key as string },
      `Set ${name} to an accepted value, or unset it.`,
    );
  }
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Tables merge key by key; any other value (arrays included) is replaced whole. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev, value) : value;
  }
  return out;
}
