// Runs after `npm install` in this repo: builds the `codetether` binary (bundled from the workspace
// sources, about a second) so `npx codetether` works straight after a fresh clone's install.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("apps/cli/tsup.config.ts")) process.exit(0);
const result = spawnSync("npx", ["tsup", "--silent"], { cwd: "apps/cli", stdio: "inherit" });
if (result.status !== 0) console.error("warning: building the codetether CLI failed; run `npm run build`.");
process.exit(0);
