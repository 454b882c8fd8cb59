import { existsSync } from "node:fs";
import { join } from "node:path";
import { compareTimes, defineBench, row, runCommand } from "./harness.js";

export default defineBench({
  name: "cli-startup",
  description: "Cold start of `codetether --version` against bare `node -e 0`",
  async run({ root, quick }) {
    const bin = join(root, "apps/cli/dist/codetether.js");
    const shim = join(root, "apps/cli/bin/codetether.js");
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first.`);
    const runs = quick ? 3 : 15;
    const { a: node, b: cli } = await compareTimes(
      () => runCommand(process.execPath, ["-e", "0"]),
      () => runCommand(process.execPath, [bin, "--version"]),
      { runs, warmup: 2 },
    );
    const { a: node2, b: viaShim } = await compareTimes(
      () => runCommand(process.execPath, ["-e", "0"]),
      () => runCommand(process.execPath, [shim, "--version"]),
      { runs, warmup: 2 },
    );
    return [
      row({
        bench: "cli-startup",
        case: `npx bin shim --version (median of ${runs})`,
        baseline: { label: "node -e 0", value: node2 },
        subject: { label: "bin/codetether.js --version", value: viaShim },
        unit: "ms",
        target: 1.3,
      }),
      row({
        bench: "cli-startup",
        case: `--version (median of ${runs})`,
        baseline: { label: "node -e 0", value: node },
        subject: { label: "codetether --version", value: cli },
        unit: "ms",
        target: 1.3,
      }),
    ];
  },
});
