import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeSandbox, runCli } from "./helpers.js";

const userConfig = (home: string) => join(home, ".config", "codetether-agent", "config.toml");

describe("codetether config (built binary)", () => {
  it("prints the version and help, exiting 0", async () => {
    const s = makeSandbox();
    const version = await runCli(["--version"], s);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = await runCli(["--help"], s);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("codetether <command>");
    expect(help.stdout).toContain("config");
  });

  it("--init writes a commented default file and refuses to overwrite it without --force", async () => {
    const s = makeSandbox();
    const first = await runCli(["config", "--init"], s);
    expect(first.code).toBe(0);
    const text = readFileSync(userConfig(s.home), "utf8");
    expect(text).toContain('default_model = "moonshotai/kimi-k2.5"');
    expect(text).toMatch(/^# /m);
    writeFileSync(userConfig(s.home), text + "\n# my edit\n");
    const second = await runCli(["config", "--init"], s);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain("already exists");
    expect(second.stderr).toContain("--force");
    expect(readFileSync(userConfig(s.home), "utf8")).toContain("# my edit");
    const forced = await runCli(["config", "--init", "--force"], s);
    expect(forced.code).toBe(0);
    expect(readFileSync(userConfig(s.home), "utf8")).not.toContain("# my edit");
  });

  it("--set edits the user file and --show prints the merged result", async () => {
    const s = makeSandbox();
    await runCli(["config", "--init"], s);
    const set = await runCli(["config", "--set", "default_model=openai/gpt-5", "swarm.max_concurrency=3"], s);
    expect(set.code).toBe(0);
    const show = await runCli(["config", "--show", "--json"], s);
    expect(show.code).toBe(0);
    const shown = JSON.parse(show.stdout);
    expect(shown.config.default_model).toBe("openai/gpt-5");
    expect(shown.config.swarm.max_concurrency).toBe(3);
    expect(shown.layers).toEqual([{ source: "user", path: userConfig(s.home) }]);
  });

  it("--show layers the project file and environment over the user file", async () => {
    const s = makeSandbox({ CODETETHER_DEFAULT_MODEL: "deepseek/deepseek-chat" });
    mkdirSync(join(s.cwd, ".codetether"));
    writeFileSync(join(s.cwd, ".codetether", "config.toml"), "[swarm]\nstrategy = \"stage\"\n");
    const show = await runCli(["config", "--show"], s);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('default_model = "deepseek/deepseek-chat"');
    expect(show.stdout).toContain('strategy = "stage"');
    expect(show.stdout).toContain(`project: ${join(s.cwd, ".codetether", "config.toml")}`);
  });

  it("--show redacts header values and credential-like keys", async () => {
    const s = makeSandbox();
    mkdirSync(join(s.home, ".config", "codetether-agent"), { recursive: true });
    writeFileSync(
      userConfig(s.home),
      '[providers.local]\ntype = "openai-compatible"\nbase_url = "http://127.0.0.1:1/v1"\nheaders = { Authorization = "Bearer sk-very-secret-123" }\n',
    );
    const show = await runCli(["config", "--show"], s);
    expect(show.code).toBe(0);
    expect(show.stdout).not.toContain("sk-very-secret-123");
    expect(show.stdout).toContain("[REDACTED]");
  });

  it("names the file and line of a broken TOML file and exits 1", async () => {
    const s = makeSandbox();
    mkdirSync(join(s.home, ".config", "codetether-agent"), { recursive: true });
    writeFileSync(userConfig(s.home), 'default_model = "a/b"\n[swarm\n');
    const show = await runCli(["config", "--show"], s);
    expect(show.code).toBe(1);
    expect(show.stderr).toContain(`${userConfig(s.home)}:2:`);
    expect(show.stderr).toContain("invalid TOML");
  });

  it("refuses a --set value the schema rejects and leaves the file unchanged", async () => {
    const s = makeSandbox();
    await runCli(["config", "--init"], s);
    const before = readFileSync(userConfig(s.home), "utf8");
    const bad = await runCli(["config", "--set", "swarm.strategy=random"], s);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"swarm.strategy"');
    expect(readFileSync(userConfig(s.home), "utf8")).toBe(before);
  });

  it("--set takes key=value pairs after other flags too (--set --project a=b) and refuses bare pairs", async () => {
    const s = makeSandbox();
    const set = await runCli(["config", "--set", "--project", "default_model=openai/gpt-5", "ui.theme=dark"], s);
    expect(set.code).toBe(0);
    const text = readFileSync(join(s.cwd, ".codetether", "config.toml"), "utf8");
    expect(text).toContain('default_model = "openai/gpt-5"');
    expect(text).toContain('theme = "dark"');
    const bare = await runCli(["config", "default_model=x"], s);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("--set default_model=x");
  });

  it("blames a --set that clashes with a table on the value, not on the (valid) file", async () => {
    const s = makeSandbox();
    await runCli(["config", "--init"], s);
    const before = readFileSync(userConfig(s.home), "utf8");
    const bad = await runCli(["config", "--set", "ui=3"], s);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Cannot set ui:");
    expect(bad.stderr).toContain("Nothing was written");
    expect(bad.stderr).not.toContain("Fix the file");
    expect(readFileSync(userConfig(s.home), "utf8")).toBe(before);
  });

  it("answers an unknown command or flag with a helpful error and exit code 2", async () => {
    const s = makeSandbox();
    const command = await runCli(["frobnicate"], s);
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command "frobnicate"');
    expect(command.stderr).toContain("--help");
    const flag = await runCli(["config", "--no-such-flag"], s);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("--no-such-flag");
  });

  it("asks for a command when given none", async () => {
    const s = makeSandbox();
    const none = await runCli([], s);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/command/i);
  });

  it("--show names each provider's key source and never prints the key", async () => {
    const s = makeSandbox({ OPENAI_API_KEY: "sk-env-secret-999", DEEPSEEK_API_KEY: "ds-env-secret-888" });
    const show = await runCli(["config", "--show"], s);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("openai: env (OPENAI_API_KEY)");
    expect(show.stdout).toContain("deepseek: env (DEEPSEEK_API_KEY)");
    expect(show.stdout + show.stderr).not.toContain("sk-env-secret-999");
    const json = JSON.parse((await runCli(["config", "--show", "--json"], s)).stdout);
    expect(json.keys).toEqual(
      expect.arrayContaining([{ providerId: "openai", source: "env", location: "OPENAI_API_KEY" }]),
    );
  });

  it("--show lists no environment keys under the vault-only policy", async () => {
    const s = makeSandbox({ OPENAI_API_KEY: "sk-env-secret-999", CODETETHER_DISABLE_ENV_FALLBACK: "1" });
    const show = await runCli(["config", "--show", "--json"], s);
    expect(show.code).toBe(0);
    const json = JSON.parse(show.stdout);
    expect(json.config.secrets.policy).toBe("vault-only");
    expect(json.keys).toEqual([]);
  });
});
