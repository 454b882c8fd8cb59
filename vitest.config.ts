import { readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
const packageDirs = readdirSync(`${root}packages`).filter((d) => existsSync(`${root}packages/${d}/src/index.ts`));

// Tests import sibling packages from source, so a change in core is seen by every
// layer's tests without a rebuild; the CLI's end-to-end tests still spawn the built binary.
const alias = packageDirs.map((d) => ({
  find: new RegExp(`^@codetether/${d}$`),
  replacement: `${root}packages/${d}/src/index.ts`,
}));

const project = (name: string, dir: string, include = ["src/**/*.test.ts", "test/**/*.test.ts"]) => ({
  resolve: { alias },
  test: {
    name,
    root: `${root}${dir}`,
    include,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

export default defineConfig({
  test: {
    reporters: ["default", "./tools/scripts/summary-reporter.ts"],
    projects: [
      ...packageDirs.map((d) => project(d, `packages/${d}`)),
      project("cli", "apps/cli"),
      project("fixtures", "tools/fixtures"),
      project("workspace", "tools", ["checks/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"]),
    ],
  },
});
