import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

const cache = new Map<string, string | undefined>();

/** The `rg` executable on PATH, looked up once per PATH value; undefined when ripgrep is not installed. */
export function findRipgrep(pathEnv: string = process.env.PATH ?? ""): string | undefined {
  if (cache.has(pathEnv)) return cache.get(pathEnv);
  let found: string | undefined;
  for (const dir of pathEnv.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === "win32" ? "rg.exe" : "rg");
    try {
      accessSync(candidate, constants.X_OK);
      found = candidate;
      break;
    } catch {
      // not in this directory
    }
  }
  cache.set(pathEnv, found);
  return found;
}
