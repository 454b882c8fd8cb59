import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const pkg = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  entry: { codetether: "src/codetether.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  clean: true,
  splitting: true,
  sourcemap: true,
  // One bundle starts far faster than thousands of module files; each command's heavy modules are
  // split into chunks that load only when that command runs.
  noExternal: [/.*/],
  // blessed loads its widgets by computed path; the language servers are spawned as processes.
  external: ["blessed", "typescript", "typescript-language-server", "pyright"],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __ctCreateRequire } from 'node:module'; const require = __ctCreateRequire(import.meta.url);",
  },
  // Workspace packages are bundled from their TypeScript source, never from a possibly stale dist.
  esbuildOptions(options) {
    options.conditions = ["@codetether/source"];
  },
  define: { __CODETETHER_VERSION__: JSON.stringify(pkg.version) },
});
