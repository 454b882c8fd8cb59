#!/usr/bin/env node
// Entry point. `--version` is answered before anything else loads: importing yargs alone roughly
// doubles Node's start-up time, and scripts call `--version` often.
import { VERSION } from "./cli/version.js";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { main } = await import("./main.js");
  process.exitCode = await main(args);
}
