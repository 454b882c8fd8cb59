import { readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** The ignore files honoured in every directory, as git and ripgrep do. */
const IGNORE_FILES = [".gitignore", ".ignore", ".rgignore"];

export interface IgnoreLayer {
  /** The directory the patterns are relative to. */
  base: string;
  rules: Ignore;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The rules a directory adds: its ignore files, plus `.git/info/exclude` when it is a repository root. */
export async function loadIgnoreLayer(dir: string): Promise<IgnoreLayer | undefined> {
  const texts = await Promise.all([...IGNORE_FILES.map((f) => readText(join(dir, f))), readText(join(dir, ".git", "info", "exclude"))]);
  const present = texts.filter((t): t is string => t !== undefined && t.trim() !== "");
  if (present.length === 0) return undefined;
  const rules = ignore({ allowRelativePaths: true });
  // The exclude file has the lowest precedence, so it goes first (later rules win).
  const exclude = texts[IGNORE_FILES.length];
  if (exclude) rules.add(exclude);
  for (const text of texts.slice(0, IGNORE_FILES.length)) if (text) rules.add(text);
  return { base: dir, rules };
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
