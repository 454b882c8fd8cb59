import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { GLOB_CHARS, globPattern } from "@codetether/rlm";
import { NoMatchingFilesError } from "./no-matching-files-error.js";

const SKIP_DIRS = new Set([".git", "node_modules"]);

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(full, out);
    } else if (e.isFile()) out.push(full);
  }
}

/**
 * Turns `-f` arguments into file paths: a file as is, a directory as every file under it, a glob
 * (when the shell left it unexpanded) as the files it matches. Each argument must match something.
 */
export function expandFileArgs(args: string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    if (!GLOB_CHARS.test(arg)) {
      const full = resolve(cwd, arg);
      let isDir: boolean;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        throw new NoMatchingFilesError(arg, "no such file or directory");
      }
      if (isDir) {
        const found: string[] = [];
        walk(full, found);
        if (found.length === 0) throw new NoMatchingFilesError(arg, "the directory holds no files");
        files.push(...found);
      } else files.push(full);
      continue;
    }
    // Walk from the deepest directory without glob characters, then match the rest.
    const parts = arg.split("/");
    const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
    const base = resolve(cwd, parts.slice(0, firstGlob).join("/") || ".");
    const matcher = globPattern(parts.slice(firstGlob).join("/"));
    const found: string[] = [];
    try {
      walk(base, found);
    } catch {
      throw new NoMatchingFilesError(arg, `${base} cannot be read`);
    }
    const matched = found.filter((f) => matcher.test(relative(base, f).split(sep).join("/")));
    if (matched.length === 0) throw new NoMatchingFilesError(arg, "no file matches");
    files.push(...matched);
  }
  return [...new Set(files)];
}

/** How a file is named in the `=== FILE: … ===` marker: relative to cwd when inside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split(sep).join("/") : file;
}
