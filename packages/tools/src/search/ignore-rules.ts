import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** The ignore files honoured in every directory, as git and ripgrep do. */
const IGNORE_FILES = [".gitignore", ".ignore", ".rgignore"];

export interface IgnoreLayer {
  /** The directory the patterns are relative to. */
  base: string;
  rules: Ignore;
  /** The ignore files' text, lowest precedence first (to rebuild the rules without some patterns). */
  sources: string[];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/** One rule set from ignore-file texts, later texts taking precedence. */
function rulesFrom(texts: readonly string[]): Ignore {
  const rules = ignore({ allowRelativePaths: true });
  // One add per text: given an array, ignore takes each element as a single pattern.
  for (const text of texts) rules.add(text);
  return rules;
}

/** The rules a directory adds: its ignore files, plus `.git/info/exclude` when it is a repository root. */
export async function loadIgnoreLayer(dir: string): Promise<IgnoreLayer | undefined> {
  const texts = await Promise.all([...IGNORE_FILES.map((f) => readText(join(dir, f))), readText(join(dir, ".git", "info", "exclude"))]);
  const present = texts.filter((t): t is string => t !== undefined && t.trim() !== "");
  if (present.length === 0) return undefined;
  // The exclude file has the lowest precedence, so it goes first (later rules win).
  const exclude = texts[IGNORE_FILES.length];
  const sources = [exclude, ...texts.slice(0, IGNORE_FILES.length)].filter((t): t is string => !!t);
  return { base: dir, rules: rulesFrom(sources), sources };
}

/**
 * `layer` as it applies below `start`, a directory that was asked for by name: the patterns that
 * ignore `start` itself or a directory above it are dropped (ripgrep searches such a directory
 * when it is given explicitly), the others (`*.log`) still apply inside it.
 */
export function forExplicitStart(layer: IgnoreLayer, start: string): IgnoreLayer {
  const blocking = new Set<string>();
  let rel = relative(layer.base, start);
  if (rel === "" || rel.startsWith("..")) return layer;
  if (sep !== "/") rel = rel.split(sep).join("/");
  const parts = rel.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const verdict = layer.rules.test(`${parts.slice(0, i).join("/")}/`);
    if (verdict.ignored && verdict.rule) blocking.add(verdict.rule.pattern);
  }
  if (blocking.size === 0) return layer;
  const sources = layer.sources.map((text) =>
    text
      .split(/\r?\n/)
      .filter((line) => !blocking.has(line.trim()))
      .join("\n"),
  );
  return { base: layer.base, rules: rulesFrom(sources), sources };
}

/** Layers from the filesystem root down to (not including) `dir`, as ripgrep reads parent ignore files. */
export async function loadAncestorLayers(dir: string): Promise<IgnoreLayer[]> {
  const chain: string[] = [];
  for (let d = dirname(dir); ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) break;
  }
  const layers = await Promise.all(chain.map(loadIgnoreLayer));
  return layers.filter((l): l is IgnoreLayer => l !== undefined);
}

/**
 * Whether `path` is ignored under `layers` (outermost first). The deepest layer with an opinion
 * decides, so a nested `!pattern` can re-include what a parent ignored.
 */
export function isIgnored(layers: readonly IgnoreLayer[], path: string, isDir: boolean): boolean {
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i] as IgnoreLayer;
    let rel = relative(layer.base, path);
    if (rel === "" || rel.startsWith("..")) continue;
    if (sep !== "/") rel = rel.split(sep).join("/");
    const verdict = layer.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}
