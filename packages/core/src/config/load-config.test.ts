import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseConfigText } from "../index.js";

function sandbox() {
  const home = mkdtempSync(join(tmpdir(), "ct-config-"));
  const project = join(home, "work", "repo");
  mkdirSync(join(project, ".git"), { recursive: true });
  mkdirSync(join(project, "src", "deep"), { recursive: true });
  const userFile = join(home, ".config", "codetether-agent", "config.toml");
  mkdirSync(join(home, ".config", "codetether-agent"), { recursive: true });
  return { home, project, userFile, env: { HOME: home } as NodeJS.ProcessEnv };
}

describe("loadConfig", () => {
  it("layers user file, then project file, then environment, key by key", () => {
    const s = sandbox();
    writeFileSync(s.userFile, 'default_model = "openai/gpt-5"\n[swarm]\nmax_concurrency = 2\nstrategy = "domain"\n');
    mkdirSync(join(s.project, ".codetether"));
    writeFileSync(join(s.project, ".codetether", "config.toml"), "[swarm]\nmax_concurrency = 8\n");
    const loaded = loadConfig({ cwd: join(s.project, "src", "deep"), env: { ...s.env, CODETETHER_DEFAULT_MODEL: "anthropic/claude-sonnet-4-5" } });
    expect(loaded.config.default_model).toBe("anthropic/claude-sonnet-4-5");
    expect(loaded.config.swarm).toEqual({ max_concurrency: 8, strategy: "domain" });
    expect(loaded.layers.map((l) => l.source)).toEqual(["user", "project", "env"]);
    expect(loaded.projectPath).toBe(join(s.project, ".codetether", "config.toml"));
  });

  it("does not look for a project file above the git root", () => {
    const s = sandbox();
    mkdirSync(join(s.home, "work", ".codetether"), { recursive: true });
    writeFileSync(join(s.home, "work", ".codetether", "config.toml"), 'default_model = "x/y"\n');
    const loaded = loadConfig({ cwd: s.project, env: s.env });
    expect(loaded.projectPath).toBeUndefined();
    expect(loaded.config.default_model).toBeUndefined();
  });

  it("turns CODETETHER_DISABLE_ENV_FALLBACK=1 into the vault-only policy", () => {
    const s = sandbox();
    const loaded = loadConfig({ cwd: s.project, env: { ...s.env, CODETETHER_DISABLE_ENV_FALLBACK: "1" } });
    expect(loaded.config.secrets?.policy).toBe("vault-only");
  });

  it("names the environment variable, not a file, when an environment value is invalid", () => {
    const s = sandbox();
    try {
      loadConfig({ cwd: s.project, env: { ...s.env, CODETETHER_SECRETS_POLICY: "strict" } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).message).toContain("CODETETHER_SECRETS_POLICY");
      expect((e as ConfigError).message).toContain('"vault-first", "vault-only"');
      expect((e as ConfigError).hint).toContain("CODETETHER_SECRETS_POLICY");
      expect((e as ConfigError).hint).not.toContain("Fix the file");
    }
  });

  it("honours XDG_CONFIG_HOME for the user file", () => {
    const s = sandbox();
    const xdg = join(s.home, "xdg");
    mkdirSync(join(xdg, "codetether-agent"), { recursive: true });
    writeFileSync(join(xdg, "codetether-agent", "config.toml"), 'default_model = "deepseek/deepseek-chat"\n');
    const loaded = loadConfig({ cwd: s.project, env: { ...s.env, XDG_CONFIG_HOME: xdg } });
    expect(loaded.config.default_model).toBe("deepseek/deepseek-chat");
    expect(loaded.userPath).toBe(join(xdg, "codetether-agent", "config.toml"));
  });

  it("names the file, line and column of broken TOML", () => {
    const s = sandbox();
    writeFileSync(s.userFile, 'default_model = "a/b"\n[swarm\nmax_concurrency = 2\n');
    let error: ConfigError | undefined;
    try {
      loadConfig({ cwd: s.project, env: s.env });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.file).toBe(s.userFile);
    expect(error?.line).toBe(2);
    expect(error?.message).toContain(`${s.userFile}:2:`);
  });
});

describe("parseConfigText", () => {
  it("names the key and the expected type of a wrong value", () => {
    expect(() => parseConfigText('[swarm]\nmax_concurrency = "four"\n', "f.toml")).toThrow(
      /f\.toml: key "swarm\.max_concurrency": expected number/,
    );
  });

  it("lists the allowed values of an enum", () => {
    expect(() => parseConfigText('[secrets]\npolicy = "sometimes"\n', "f.toml")).toThrow(/"vault-first", "vault-only"/);
  });

  it("rejects an unknown key by name", () => {
    try {
      parseConfigText("[ui]\ncolour = true\n", "f.toml");
      expect.unreachable();
    } catch (e) {
      expect((e as ConfigError).key).toBe("ui.colour");
    }
  });

  it("accepts every documented section", () => {
    const config = parseConfigText(`
default_model = "moonshotai/kimi-k2.5"
[providers.local]
type = "openai-compatible"
base_url = "http://127.0.0.1:11434/v1"
headers = { "X-Org" = "a" }
models = ["qwen3:8b"]
[secrets]
policy = "vault-only"
[session]
auto_title = false
[permissions]
auto_approve = false
bash = { "*" = "ask", "git status*" = "allow" }
edit = "allow"
[ui]
theme = "dark"
[a2a]
server_url = "http://127.0.0.1:9000"
[swarm]
strategy = "stage"
[ralph]
quality_checks = ["npm test"]
[rlm]
max_iterations = 5
[agents.reviewer]
prompt = "Review"
tools = ["read_file"]
`);
    expect(config.providers?.local?.models).toEqual(["qwen3:8b"]);
    expect(config.permissions?.bash).toEqual({ "*": "ask", "git status*": "allow" });
    expect(config.agents?.reviewer?.tools).toEqual(["read_file"]);
  });

  it("rejects a permission that is not allow, ask or deny", () => {
    expect(() => parseConfigText('[permissions]\nbash = "maybe"\n')).toThrow(ConfigError);
  });
});
