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

  it("names a mistyped command or subcommand, suggests one, and exits 2", () => {
    const run = (...args: string[]) => {
      try {
        execFileSync(process.execPath, [cliPath, ...args], { stdio: "pipe", env: { PATH: process.env.PATH, HOME: "/nonexistent" } });
        return { code: 0, stderr: "" };
      } catch (error) {
        const e = error as { status: number; stderr: Buffer };
        return { code: e.status, stderr: e.stderr.toString() };
      }
    };
    const typo = run("rn", "hello");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown command "rn". Did you mean "run"?');
    const sub = run("auth", "frob");
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain('Unknown auth command "frob"');
    expect(sub.stderr).toContain("codetether auth --help");
    const missingId = run("sessions", "show");
    expect(missingId.code).toBe(2);
    expect(missingId.stderr).toContain('Missing a required argument for "codetether sessions show"');
    expect(missingId.stderr).toContain("codetether sessions show --help");
    const missingValue = run("config", "--set");
    expect(missingValue.code).toBe(2);
    const noValue = run("rlm", "q", "--content");
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toContain("content");
    const flag = run("run", "--bogus", "x");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("Unknown option: --bogus");
    expect(flag.stderr).toContain("codetether run --help");
  });
});

