#!/usr/bin/env node
// A committed entry so npm can link the `codetether` bin at install time, before anything is built.
// `--version` is answered here, from package.json, without loading a second module.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else {
  import("../dist/codetether.js").catch((error) => {
    if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("codetether.js")) {
      console.error("codetether is not built yet: run `npm run build` (or `npm install`) in the repository.");
      process.exit(1);
    }
    throw error;
  });
}
