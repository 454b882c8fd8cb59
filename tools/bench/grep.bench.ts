import { mkdirSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { allowAll, type ToolContext } from "@codetether/core";
import { createGrepTool, findRipgrep } from "@codetether/tools";
import { compareTimes, defineBench, row, runCommand } from "./harness.js";

const PATTERN = "needle_[0-9]+\\(";

/** A source-like tree: `files` files, 100 per directory, ~1% containing the needle, one ignored directory. */
function generateTree(dir: string, files: number): void {
  const perDir = 100;
  writeFileSync(join(dir, ".gitignore"), "ignored/\n");
  mkdirSync(join(dir, "ignored"), { recursive: true });
  writeFileSync(join(dir, "ignored", "skip.ts"), "needle_1(ignored)\n");
  for (let i = 0; i < files; i++) {
    const sub = join(dir, `pkg${Math.floor(i / (perDir * 50))}`, `mod${Math.floor(i / perDir)}`);
    if (i % perDir === 0) mkdirSync(sub, { recursive: true });
    const lines = [`// file ${i}`, `import { helper${i % 97} } from "./helpers";`];
    for (let l = 0; l < 18; l++) lines.push(`export function fn_${i}_${l}(value: number): number { return helper${l}(value * ${l}); }`);
    if (i % 100 === 7) lines.splice(10, 0, `  const hit = needle_${i}(value);`);
    writeFileSync(join(sub, `file${i}.ts`), `${lines.join("\n")}\n`);
  }
}

export default defineBench({
  name: "grep",
  description: "grep tool (with rg on PATH, and its built-in fallback) against bare rg on a generated tree",
  async run({ tmpDir, quick, log }) {
    const rg = findRipgrep();
    if (!rg) throw new Error("rg is not on PATH: install Debian's ripgrep (tools/scripts/setup-system.sh) to run this bench.");
    const files = quick ? 5_000 : 100_000;
    const root = join(tmpDir, "tree");
    mkdirSync(root);
    log(`generating ${files} files…`);
    generateTree(root, files);
    const expected = Math.floor((files - 8) / 100) + 1;

    const ctx: ToolContext = { root, signal: new AbortController().signal, permissions: allowAll, emit: () => {} };
    const withRg = createGrepTool({ ripgrep: "auto" });
    // The same "auto" tool, run with rg's directory taken off PATH, as on a machine without ripgrep.
    const auto = createGrepTool({ ripgrep: "auto" });
    const pathWithoutRg = (process.env.PATH ?? "").split(delimiter).filter((d) => d && !findRipgrep(d)).join(delimiter);
    const fallback = {
      execute: async (args: Parameters<typeof auto.execute>[0], context: ToolContext) => {
        const saved = process.env.PATH;
        process.env.PATH = pathWithoutRg;
        try {
          return await auto.execute(args, context);
        } finally {
          process.env.PATH = saved;
        }
      },
    };
    const bareRg = () => runCommand(rg, ["--no-config", "-n", "--hidden", "--no-require-git", "--glob=!.git", "-e", PATTERN, "."], { cwd: root });

    // Same answer from all three before timing anything.
    const rgLines = bareRg().trim().split("\n").length;
    for (const [label, tool, engine] of [["rg path", withRg, "ripgrep"], ["fallback", fallback, "builtin"]] as const) {
      const result = await tool.execute({ pattern: PATTERN, limit: 10 }, ctx);
      if (result.metadata?.engine !== engine) throw new Error(`${label}: expected the ${engine} engine, got ${String(result.metadata?.engine)}`);
      const total = result.metadata?.totalMatches;
      if (total !== expected || rgLines !== expected) throw new Error(`${label}: expected ${expected} matches, grep tool found ${total}, rg ${rgLines}`);
    }

    const runs = quick ? 3 : 5;
    const rows = [];
    const a = await compareTimes(bareRg, () => withRg.execute({ pattern: PATTERN, limit: 100 }, ctx), { runs, warmup: 1 });
    rows.push(
      row({
        bench: "grep",
        case: `${files} files, rg on PATH (median of ${runs})`,
        baseline: { label: "rg", value: a.a },
        subject: { label: "grep tool", value: a.b },
        unit: "ms",
        target: 1.5,
      }),
    );
    const b = await compareTimes(bareRg, () => fallback.execute({ pattern: PATTERN, limit: 100 }, ctx), { runs: quick ? 2 : 3, warmup: 1 });
    rows.push(
      row({
        bench: "grep",
        case: `${files} files, rg not on PATH: built-in fallback (median of ${quick ? 2 : 3})`,
        baseline: { label: "rg", value: b.a },
        subject: { label: "grep tool (fallback)", value: b.b },
        unit: "ms",
        notes: "the fallback walks and reads in Node: expected several times slower than rg",
      }),
    );
    return rows;
  },
});
