import { spawn } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { GrepCollector, type GrepEngineResult, type GrepLine, type GrepQuery } from "./grep-types.js";

/** Ripgrep could not run the search (not a pattern problem). */
export class RipgrepFailure extends Error {}

/** Ripgrep rejected the pattern (its regex dialect differs from JavaScript's, e.g. no look-around). */
export class RipgrepPatternRejected extends Error {}

function argsFor(query: GrepQuery, target: string): string[] {
  const args = [
    "--no-config",
    "--line-number",
    "--with-filename",
    "--no-heading",
    "--null",
    "--color=never",
    "--hidden",
    "--no-require-git",
    "--no-ignore-global",
    "--glob=!.git",
  ];
  // Not --glob: rg lets a --glob override .gitignore, so `*.log` would search ignored logs. A file
  // type is applied after the ignore rules and, like an include without "/", matches file names.
  if (query.include) args.push(`--type-add=codetetherinclude:${query.include}`, "--type=codetetherinclude");
  if (query.literal) args.push("--fixed-strings");
  if (!query.caseSensitive) args.push("--ignore-case");
  if (query.contextLines > 0) args.push(`--context=${query.contextLines}`);
  args.push("--regexp", query.pattern, "--", target);
  return args;
}

/** Runs `rg` and parses its `path\0line:text` / `path\0line-text` output into per-file results. */
export function ripgrepGrep(rg: string, query: GrepQuery): Promise<GrepEngineResult> {
  // rg runs inside the searched directory and the paths are re-based onto the display root after.
  const isDir = statSync(query.target).isDirectory();
  const cwd = isDir ? query.target : dirname(query.target);
  const target = isDir ? "." : relative(cwd, query.target);
  let prefix = relative(query.displayRoot, cwd);
  if (sep !== "/") prefix = prefix.split(sep).join("/");
  if (prefix !== "") prefix += "/";
  return new Promise((resolve, reject) => {
    const child = spawn(rg, argsFor(query, target), { cwd, stdio: ["ignore", "pipe", "pipe"], signal: query.signal });
    const collector = new GrepCollector(query.collectLimit, query.withhold);
    let currentPath: string | undefined;
    let currentLines: GrepLine[] = [];
    const flush = () => {
      if (currentPath !== undefined) collector.add(currentPath, currentLines);
      currentPath = undefined;
      currentLines = [];
    };
    const onLine = (line: string) => {
      const nul = line.indexOf("\0");
      if (nul === -1) return; // "--" group separators and notices
      let path = line.slice(0, nul);
      if (path.startsWith("./")) path = path.slice(2);
      path = prefix + path;
      const m = /^(\d+)([:-])/.exec(line.slice(nul + 1, nul + 24));
      if (!m) return;
      if (path !== currentPath) {
        flush();
        currentPath = path;
      }
      let text = line.slice(nul + 1 + m[0].length);
      if (text.endsWith("\r")) text = text.slice(0, -1);
      currentLines.push({ line: Number(m[1]), text, isMatch: m[2] === ":" });
    };
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      let at = pending.indexOf("\n");
      let start = 0;
      while (at !== -1) {
        onLine(pending.slice(start, at));
        start = at + 1;
        at = pending.indexOf("\n", start);
      }
      pending = pending.slice(start);
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 64 * 1024) stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (pending) onLine(pending);
      flush();
      if (code === 0 || code === 1 || (code === 2 && collector.totalMatches > 0 && !/regex parse error/i.test(stderr))) {
        resolve(collector.result("ripgrep"));
      } else if (/regex parse error|error parsing regex/i.test(stderr)) {
        reject(new RipgrepPatternRejected(stderr.trim()));
      } else {
        reject(new RipgrepFailure(`rg exited with ${code}: ${stderr.trim()}`));
      }
    });
  });
}
