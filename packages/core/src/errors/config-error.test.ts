import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../index.js";

function brokenConfigError(text: string): ConfigError {
  const dir = mkdtempSync(join(tmpdir(), "ct-config-error-"));
  const file = join(dir, "config.toml");
  writeFileSync(file, text);
  try {
    loadConfig({ cwd: dir, env: { CODETETHER_CONFIG: file, HOME: dir } });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("loadConfig accepted a broken file");
}

describe("ConfigError hint for a broken file", () => {
  it("tells the user to fix the file, not to run config --show, which fails on the same file", () => {
    for (const text of ["default_model = \n", "[swarm]\nmax_concurrency = \"x\"\n"]) {
      const error = brokenConfigError(text);
      expect(error.hint).not.toContain("config --show");
      expect(error.hint).toContain("config --init --force");
    }
  });
});
