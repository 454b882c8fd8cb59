// `npm run bench`: build, install the bench's system tools, then run every tools/bench/*.bench.ts.
import { spawnSync } from "node:child_process";

const env = { ...process.env, NX_NO_CLOUD: "true", NX_DAEMON: "false", NX_TUI: "false" };
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env });
spawnSync("bash", ["tools/scripts/setup-system.sh"], { stdio: "inherit" });
const build = run("npx", ["nx", "run-many", "-t", "build", "--outputStyle=static"]);
if (build.status !== 0) process.exit(build.status ?? 1);
const result = run("npx", ["tsx", "tools/bench/run-benches.ts", ...process.argv.slice(2)]);
process.exit(result.status ?? 1);
