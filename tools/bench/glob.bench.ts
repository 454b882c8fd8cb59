import { mkdirSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import fg from "fast-glob";
import { allowAll, type ToolContext } from "@codetether/core";
import { createGlobTool } from "@codetether/tools";
import { compareTimes, defineBench, row } from "./harness.js";

/** `files` source files, 100 per directory, mixed extensions, plus a .gitignore'd directory. */
function generateTree(dir: string, files: number): void {
  const perDir = 100;
  writeFileSync(join(dir, ".gitignore"), "ignored/\n");
  mkdirSync(join(dir, "ignored"), { recursive: true });
  writeFileSync(join(dir, "ignored", "skip.ts"), "x\n");
  const exts = ["ts", "ts", "js", "json", "md"];
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `pkg${Math.floor(i / (perDir * 20))}`, `mod${Math.floor(i / perDir)}`);
    if (i % perDir === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file${i}.${exts[i % exts.length]}`), `// ${i}\n`);
  }
}

/** What the glob tool does, done with fast-glob: match, stat, newest first, cut to the limit. */
async function fastGlobNewest(cwd: string, pattern: string, limit: number): Promise<string[]> {
  const paths = await fg(pattern, { cwd, dot: true, ignore: ["**/.git/**", "ignored/**"], onlyFiles: true });
  const withTimes = await Promise.all(paths.map(async (p) => ({ p, t: (await stat(join(cwd, p))).mtimeMs })));
  withTimes.sort((a, b) => b.t - a.t || (a.p < b.p ? -1 : 1));
  return withTimes.slice(0, limit).map((x) => x.p);
}

export default defineBench({
  name: "glob",
  description: "glob tool (gitignore-aware walk, newest first) against fast-glob + stat + sort on a generated tree",
  async run({ tmpDir, quick, log }) {
    const files = quick ? 2_000 : 50_000;
    log(`generating ${files} files`);
    generateTree(tmpDir, files);
    const tool = createGlobTool();
    const ctx: ToolContext = { root: tmpDir, signal: new AbortController().signal, permissions: allowAll, emit: () => {} };
    const runs = quick ? 3 : 7;
    const rows = [];
    for (const pattern of ["**/*.ts", "pkg0/**/*.json"]) {
      // Same answer from both, or the timing means nothing.
      const out = (await tool.execute({ pattern, limit: 100 }, ctx)).output;
      const ours = out.startsWith("No files match") ? [] : out.split("\n\n")[0]?.split("\n") ?? [];
      const theirs = await fastGlobNewest(tmpDir, pattern, 100);
      if (ours.length !== theirs.length || ours.length === 0) throw new Error(`glob ${pattern}: tool found ${ours.length}, fast-glob ${theirs.length}`);
      const { a, b } = await compareTimes(
        () => fastGlobNewest(tmpDir, pattern, 100),
        () => tool.execute({ pattern, limit: 100 }, ctx),
        { runs, warmup: 1 },
      );
      rows.push(
        row({
          bench: "glob",
          case: `${pattern} on ${files} files (median of ${runs})`,
          baseline: { label: "fast-glob", value: a },
          subject: { label: "glob tool", value: b },
          unit: "ms",
          notes: "both stat every match and sort newest first; the tool also reads .gitignore files",
        }),
      );
    }
    return rows;
  },
});
