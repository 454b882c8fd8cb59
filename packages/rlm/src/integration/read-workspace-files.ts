import { open, readFile, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { NamedText } from "../content/join-files.js";
import { RlmPathError } from "../errors/rlm-path-error.js";
import { GLOB_CHARS, globPattern } from "./glob-pattern.js";

export interface ReadFilesOptions {
  /** Stop reading once this many bytes are loaded (default 256 MiB). */
  maxTotalBytes?: number;
  /** Files read from directories at most (default 5,000). */
  maxFiles?: number;
}

const SKIP_DIRS = new Set([".git", "node_modules", "dist", ".nx", ".cache", "target", "__pycache__"]);

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/** A NUL byte in the first 8 KiB marks a binary file, which is skipped. */
async function looksBinary(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the given files (and text files under given directories, and files matching given globs)
 * inside `root`. Paths resolve against `root`; anything resolving outside it, symlinks included,
 * is refused.
 */
export async function readWorkspaceFiles(root: string, paths: string[], options: ReadFilesOptions = {}): Promise<NamedText[]> {
  const maxTotal = options.maxTotalBytes ?? 256 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 5_000;
  const realRoot = await realpath(root);
  const out: NamedText[] = [];
  let total = 0;

  const addFile = async (abs: string, shown: string, explicit: boolean) => {
    const info = await stat(abs);
    if (total + info.size > maxTotal) {
      throw new RlmPathError(shown, `the files add up to more than ${maxTotal} bytes`, "Pass fewer or smaller paths.");
    }
    if (!explicit && (await looksBinary(abs))) return;
    const text = await readFile(abs, "utf8");
    total += info.size;
    out.push({ path: shown, text });
  };

  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (out.length >= maxFiles) return;
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(abs);
      } else if (e.isFile()) {
        await addFile(abs, relative(realRoot, abs) || e.name, false);
      }
    }
  };

  /** Files under the deepest glob-free directory of `p` whose path matches the rest of it. */
  const expandGlob = async (p: string): Promise<boolean> => {
    const parts = p.split(/[\\/]/);
    const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
    const base = resolve(realRoot, parts.slice(0, firstGlob).join("/") || ".");
    let realBase: string;
    try {
      realBase = await realpath(base);
    } catch {
      return false;
    }
    if (!inside(realRoot, realBase)) throw new RlmPathError(p, "it is outside the workspace", `Only files under ${realRoot} can be read.`);
    const matcher = globPattern(parts.slice(firstGlob).join("/"));
    const before = out.length;
    const collect = async (dir: string) => {
      for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
        if (out.length >= maxFiles) return;
        const abs = join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name)) await collect(abs);
        } else if (e.isFile() && matcher.test(relative(realBase, abs).split(sep).join("/"))) {
          await addFile(abs, relative(realRoot, abs), false);
        }
      }
    };
    await collect(realBase);
    return out.length > before;
  };

  for (const p of paths) {
    const abs = resolve(realRoot, p);
    let real: string;
    try {
      real = await realpath(abs);
    } catch {
      // Not a path as written: a glob the agent meant to be expanded (logs/*.log, src/**/*.ts).
      if (GLOB_CHARS.test(p) && (await expandGlob(p))) continue;
      const what = GLOB_CHARS.test(p) ? "no text file matches" : "no such file or directory";
      throw new RlmPathError(p, what, `Paths are relative to the workspace root ${realRoot}.`);
    }
    if (!inside(realRoot, real)) {
      throw new RlmPathError(p, "it is outside the workspace", `Only files under ${realRoot} can be read.`);
    }
    const info = await stat(real);
    if (info.isDirectory()) await walk(real);
    else await addFile(real, relative(realRoot, real), true);
  }
  return out;
}
