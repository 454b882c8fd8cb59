import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  ConfigError,
  defaultConfigText,
  loadConfig,
  parseCliValue,
  parseConfigText,
  redactConfigSecrets,
  setConfigValue,
  writeFileAtomic,
  type LoadedConfig,
} from "@codetether/core";
import { stringify } from "smol-toml";
import { printJson, printOut } from "../cli/output.js";
import { UsageError } from "../cli/usage-error.js";
import type { ConfigArgs } from "../commands/config-command.js";
import { describeKeySources, type KeySources } from "./key-sources.js";

export async function runConfig(args: ConfigArgs, cwd: string): Promise<void> {
  if (args.init) return initConfig(args, cwd);
  if (args.set !== undefined) return setConfig(args, cwd);
  return showConfig(args, cwd);
}

function targetPath(args: ConfigArgs, cwd: string, loaded?: LoadedConfig): string {
  if (args.project) return join(cwd, ".codetether", "config.toml");
  return (loaded ?? loadConfig({ cwd })).userPath;
}

async function initConfig(args: ConfigArgs, cwd: string): Promise<void> {
  const path = args.project ? join(cwd, ".codetether", "config.toml") : loadUserPathOnly(cwd);
  if (existsSync(path) && !args.force) {
    throw new ConfigError(`${path} already exists; not overwriting it.`, { file: path }, "Pass --force to replace it, or edit it with `codetether config --set key=value`.");
  }
  await writeFileAtomic(path, args.project ? projectTemplate(defaultConfigText()) : defaultConfigText());
  printOut(`Wrote ${path}`);
}

/** A project file overrides every key it sets, so its template keeps the defaults commented: the user's choices still win. */
function projectTemplate(text: string): string {
  return text.replace(/^([A-Za-z_][\w.-]*\s*=)/gm, "# $1");
}

/** The user config path without parsing any file, so --init works even when the current file is broken. */
function loadUserPathOnly(cwd: string): string {
  try {
    return loadConfig({ cwd }).userPath;
  } catch (error) {
    if (error instanceof ConfigError && error.file) return process.env.CODETETHER_CONFIG ?? error.file;
    throw error;
  }
}

async function setConfig(args: ConfigArgs, cwd: string): Promise<void> {
  const path = targetPath(args, cwd);
  let text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const assignments = args.set ?? [];
  if (assignments.length === 0) throw new UsageError("--set needs key=value, e.g. --set default_model=openai/gpt-5");
  // A file that is already broken is the user's to fix first; its own error says where.
  if (text !== "") parseConfigText(text, path);
  for (const assignment of assignments) {
    const eq = assignment.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set expects key=value, got "${assignment}".`);
    const key = assignment.slice(0, eq).trim();
    const value = parseCliValue(assignment.slice(eq + 1).trim());
    try {
      text = setConfigValue(text, key, value, path);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // The file is fine; the value is not. Say so, rather than "fix the file".
      throw new ConfigError(
        `Cannot set ${key}: ${error.message}`,
        { file: path, key },
        error.message.includes("invalid TOML")
          ? `Nothing was written to ${path}. ${key} clashes with what the file already defines: if it is a table, set one of its keys (${key}.<name>=value); if the file defines it inline, edit it there.`
          : `Nothing was written to ${path}. Give a value the key accepts (see \`codetether config --init\` for the documented keys).`,
      );
    }
  }
  await writeFileAtomic(path, text);
  for (const assignment of assignments) printOut(`Set ${assignment.slice(0, assignment.indexOf("=")).trim()} in ${path}`);
}

async function showConfig(args: ConfigArgs, cwd: string): Promise<void> {
  const loaded = loadConfig({ cwd });
  const config = redactConfigSecrets(loaded.config);
  const keys = await describeKeySources(loaded.config);
  if (args.json) {
    printJson({
      config,
      layers: loaded.layers.map((l) => ({ source: l.source, ...(l.path ? { path: l.path } : {}) })),
      keys: keys.keys,
      keyProblems: keys.problems,
    });
    return;
  }
  const lines: string[] = ["# Merged configuration (secrets redacted). Layers, later ones win:"];
  if (loaded.layers.length === 0) lines.push(`#   (none: defaults only; create ${loaded.userPath} with \`codetether config --init\`)`);
  for (const layer of loaded.layers) lines.push(`#   ${layer.source}${layer.path ? `: ${layer.path}` : " variables"}`);
  lines.push("");
  const body = stringify(withoutEmptyTables(config)).trim();
  lines.push(body === "" ? "# (empty)" : body);
  lines.push("", "# Provider keys (values never shown):", ...formatKeySources(keys));
  printOut(lines.join("\n"));
}

function formatKeySources({ keys, problems }: KeySources): string[] {
  const lines = keys.map((k) => `#   ${k.providerId}: ${k.source}${k.location ? ` (${k.location})` : ""}`);
  if (keys.length === 0) lines.push("#   none found: set one with `codetether auth login <provider>`, Vault, or an environment variable");
  for (const problem of problems) lines.push(`#   warning: ${problem}`);
  return lines;
}

/** Sections present only as headers (all their keys commented out) are noise in the merged view. */
function withoutEmptyTables(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === "object" && v !== null && !Array.isArray(v)) {
      const inner = withoutEmptyTables(v as Record<string, unknown>);
      if (Object.keys(inner).length > 0) out[k] = inner;
    } else {
      out[k] = v;
    }
  }
  return out;
}
