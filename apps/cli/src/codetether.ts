#!/usr/bin/env node
// Entry point. `--version` is answered before anything else loads (no imports above this line):
// importing yargs alone roughly doubles Node's start-up time, and scripts call `--version` often.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(`${typeof __CODETETHER_VERSION__ === "string" ? __CODETETHER_VERSION__ : "0.0.0-dev"}\n`);
} else {
  const { main } = await import("./main.js");
  process.exitCode = await main(args);
}

// Marks this file as a module (it has no imports, to keep --version fast), so top-level await is allowed.
export {};
