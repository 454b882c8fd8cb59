import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cliPath } from "./helpers.js";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string; bin: Record<string, string> };
const shim = new URL(`../${pkg.bin.codetether}`, import.meta.url).pathname;

describe("the codetether bin", () => {
  it("answers --version from the shim and from the bundle with the package's version", () => {
    expect(execFileSync(process.execPath, [shim, "--version"]).toString().trim()).toBe(pkg.version);
    expect(execFileSync(process.execPath, [cliPath, "--version"]).toString().trim()).toBe(pkg.version);
  });

  it("runs commands through the shim", () => {
    const help = execFileSync(process.execPath, [shim, "--help"]).toString();
    expect(help).toContain("codetether <command>");
    for (const command of ["config", "auth", "models", "run", "sessions", "rlm"]) expect(help).toContain(`codetether ${command}`);
  });
});
