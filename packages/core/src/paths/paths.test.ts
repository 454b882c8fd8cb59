import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configDir, dataDir, findGitRoot, gitBranch } from "../index.js";

describe("dataDir", () => {
  it("prefers CODETETHER_DATA_DIR", () => {
    expect(dataDir({ env: { CODETETHER_DATA_DIR: "/d" }, platform: "linux", home: "/h" })).toBe("/d");
  });
  it("follows XDG on Linux, with the ~/.local/share default", () => {
    expect(dataDir({ env: { XDG_DATA_HOME: "/x" }, platform: "linux", home: "/h" })).toBe("/x/codetether-agent");
    expect(dataDir({ env: {}, platform: "linux", home: "/h" })).toBe("/h/.local/share/codetether-agent");
  });
  it("uses Application Support on macOS", () => {
    expect(dataDir({ env: {}, platform: "darwin", home: "/h" })).toBe("/h/Library/Application Support/codetether-agent");
  });
  it("puts the config under ~/.config/codetether-agent", () => {
    expect(configDir({ env: {}, platform: "linux", home: "/h" })).toBe("/h/.config/codetether-agent");
  });
});

describe("findGitRoot", () => {
  const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, stdio: "pipe" }).toString();

  it("finds the root of a real repository from a nested directory, and the branch", () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), "ct-git-")));
    git(repo, "init", "-q", "-b", "feature/x");
    mkdirSync(join(repo, "a", "b"), { recursive: true });
    expect(findGitRoot(join(repo, "a", "b"))).toBe(repo);
    expect(gitBranch(repo)).toBe("feature/x");
  });

  it("finds a linked worktree's own root through its .git file", () => {
    const repo = realpathSync(mkdtempSync(join(tmpdir(), "ct-git-")));
    git(repo, "init", "-q", "-b", "main");
    writeFileSync(join(repo, "f"), "x");
    git(repo, "add", ".");
    git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "init");
    const wt = join(realpathSync(mkdtempSync(join(tmpdir(), "ct-wt-"))), "wt");
    git(repo, "worktree", "add", "-q", "-b", "side", wt);
    expect(findGitRoot(wt)).toBe(wt);
    expect(gitBranch(wt)).toBe("side");
  });

  it("returns undefined outside any repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "ct-nogit-"));
    expect(findGitRoot(dir) === undefined || !findGitRoot(dir)?.startsWith(dir)).toBe(true);
  });
});
