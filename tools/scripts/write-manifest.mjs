// One-off helper used when a package is created: writes a consistent package.json.
import { writeFileSync } from "node:fs";
const [dir, name, floor, description, depsJson, devDepsJson] = process.argv.slice(2);
const pkg = {
  name,
  version: "0.1.0",
  description,
  license: "MIT",
  type: "module",
  engines: { node: ">=20" },
  main: "./dist/index.cjs",
  module: "./dist/index.js",
  types: "./dist/index.d.ts",
  exports: {
    ".": {
      "@codetether/source": "./src/index.ts",
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    },
    "./package.json": "./package.json",
  },
  files: ["dist", "README.md"],
  sideEffects: false,
  scripts: {
    build: "tsup",
    test: `vitest run --root ../.. --project ${name.split("/")[1]}`,
  },
  dependencies: JSON.parse(depsJson || "{}"),
  devDependencies: JSON.parse(devDepsJson || "{}"),
  nx: { tags: [`floor:${floor}`, "type:lib"] },
};
if (Object.keys(pkg.devDependencies).length === 0) delete pkg.devDependencies;
writeFileSync(`${dir}/package.json`, JSON.stringify(pkg, null, 2) + "\n");
