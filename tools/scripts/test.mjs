// `npm test`: build every project that something spawns or imports as built code, then run
// every project's tests in one vitest run so the totals cover the whole workspace.
import { spawnSync } from "node:child_process";

const env = { ...process.env, NX_NO_CLOUD: "true", NX_DAEMON: "false", NX_TUI: "false" };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env, shell: false });

const build = run("npx", ["nx", "run-many", "-t", "build", "--outputStyle=static"]);
if (build.status !== 0) {
  console.error("\nBuild failed: no tests were run.");
  console.log("0 passed, 1 failed");
  process.exit(build.status ?? 1);
}
const extra = process.argv.slice(2);
const tests = run("npx", ["vitest", "run", ...extra]);
process.exit(tests.status ?? 1);
