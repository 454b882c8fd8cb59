import { readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { startCopilotServer } from "@codetether/fixtures";
import { FakeVaultServer } from "@codetether/fixtures/vault";
import { describe, expect, it } from "vitest";
import { cliPath, makeSandbox, runCli, type Sandbox } from "./helpers.js";

const keyFile = (dataDir: string) => join(dataDir, "keys.json");

/**
 * Runs `auth login` on a real pseudo-terminal (util-linux `script`), types `keys` once the prompt is
 * shown, and returns everything the terminal displayed.
 */
function loginOnTerminal(provider: string, s: Sandbox, keys: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = `'${process.execPath}' '${cliPath}' auth login ${provider}`;
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], { env: { ...s.env, SHELL: "/bin/sh" }, cwd: s.cwd, stdio: "pipe" });
    let screen = "";
    let typed = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const onOutput = (chunk: Buffer) => {
      screen += chunk.toString("utf8");
      if (!typed && screen.includes("(input hidden): ")) {
        typed = true;
        child.stdin.write(keys);
      }
    };
    child.stdout.on("data", onOutput);
    child.stderr.on("data", onOutput);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, screen });
    });
  });
}

describe("codetether auth (built binary)", () => {
  it("login reads the key from piped stdin, saves it with mode 0600 and never prints it", async () => {
    const s = makeSandbox();
    const key = "sk-cli-piped-openai-000001";
    const login = await runCli(["auth", "login", "openai"], s, `${key}\n`);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Saved the openai key to ${keyFile(s.dataDir)}`);
    expect(login.stdout + login.stderr).not.toContain(key);
    expect(statSync(keyFile(s.dataDir)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers.openai.api_key).toBe(key);
  });

  it("login on a terminal prompts with echo off: the typed key never appears on screen", async () => {
    const s = makeSandbox();
    const key = "sk-cli-typed-openai-000013";
    const { code, screen } = await loginOnTerminal("openai", s, `${key}\r`);
    expect(code).toBe(0);
    expect(screen).toContain("openai API key (input hidden): ");
    expect(screen).toContain("Saved the openai key");
    expect(screen).not.toContain(key);
    expect(screen).not.toContain("*");
    expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers.openai.api_key).toBe(key);
  });

  it("Ctrl-C at the terminal prompt cancels without saving anything", async () => {
    const s = makeSandbox();
    const { code, screen } = await loginOnTerminal("openai", s, "sk-partial\u0003");
    expect(code).toBe(130);
    expect(screen).toContain("Cancelled; nothing was saved.");
    expect(() => statSync(keyFile(s.dataDir))).toThrow();
  });

  it("list names each provider's source, file before environment, and never the values", async () => {
    const s = makeSandbox({ OPENAI_API_KEY: "sk-cli-env-openai-000002", DEEPSEEK_API_KEY: "sk-cli-env-deepseek-0003" });
    await runCli(["auth", "login", "openai"], s, "sk-cli-file-openai-000004");
    const list = await runCli(["auth", "list"], s);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^deepseek\s+env\s+DEEPSEEK_API_KEY$/m);
    expect(list.stdout).toMatch(new RegExp(`^openai\\s+file\\s+${keyFile(s.dataDir).replace(/[.]/g, "\\.")}$`, "m"));
    expect(list.stdout).not.toContain("sk-cli");
    const json = await runCli(["auth", "list", "--json"], s);
    expect(JSON.parse(json.stdout)).toEqual({
      policy: "vault-first",
      keys: [
        { providerId: "deepseek", source: "env", location: "DEEPSEEK_API_KEY" },
        { providerId: "openai", source: "file", location: keyFile(s.dataDir) },
      ],
      problems: [],
    });
  });

  it("logout removes the saved key and says when an environment variable still provides one", async () => {
    const s = makeSandbox({ ANTHROPIC_API_KEY: "sk-cli-env-anthropic-0005" });
    await runCli(["auth", "login", "anthropic"], s, "sk-cli-file-anthropic-0006");
    const logout = await runCli(["auth", "logout", "anthropic"], s);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain("Removed the anthropic key");
    expect(logout.stderr).toContain("ANTHROPIC_API_KEY is still set");
    expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers).toEqual({});
    const again = await runCli(["auth", "logout", "anthropic"], s);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("nothing to remove");
  });

  it("logout under vault-only does not claim an environment variable will be used (it is never read)", async () => {
    const s = makeSandbox({ ANTHROPIC_API_KEY: "sk-cli-env-anthropic-0015", CODETETHER_DISABLE_ENV_FALLBACK: "1" });
    await runCli(["auth", "login", "anthropic"], s, "sk-cli-file-anthropic-0016");
    const logout = await runCli(["auth", "logout", "anthropic"], s);
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain("Removed the anthropic key");
    expect(logout.stderr).not.toContain("will be used");
  });

  it("refuses empty input and unknown providers without writing anything", async () => {
    const s = makeSandbox();
    const empty = await runCli(["auth", "login", "openai"], s, "\n");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("The key is empty; nothing was saved.");
    const unknown = await runCli(["auth", "login", "no-such-host"], s, "sk-whatever-0007");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown provider "no-such-host"');
    expect(() => statSync(keyFile(s.dataDir))).toThrow();
  });

  it("asks for the provider when login or logout is given none (exit 2)", async () => {
    const s = makeSandbox();
    const login = await runCli(["auth", "login"], s);
    expect(login.code).toBe(2);
    expect(login.stderr).toContain("auth login needs a provider id");
    const logout = await runCli(["auth", "logout"], s);
    expect(logout.code).toBe(2);
    expect(logout.stderr).toContain("auth logout needs a provider id");
  });

  it("refuses a --base-url that is not an http(s) URL before saving anything", async () => {
    const s = makeSandbox();
    const bad = await runCli(["auth", "login", "openai", "--base-url", "notaurl"], s, "sk-whatever-0017");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--base-url must be an http(s) URL");
    expect(() => statSync(keyFile(s.dataDir))).toThrow();
    const good = await runCli(["auth", "login", "openai", "--base-url", "http://127.0.0.1:8080/v1"], s, "sk-whatever-0018");
    expect(good.code).toBe(0);
    expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers.openai.base_url).toBe("http://127.0.0.1:8080/v1");
  });

  it("accepts a custom provider defined in the config", async () => {
    const s = makeSandbox();
    const configDir = join(s.home, ".config", "codetether-agent");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, "config.toml"), '[providers.lab]\ntype = "openai-compatible"\nbase_url = "http://127.0.0.1:9/v1"\n');
    const login = await runCli(["auth", "login", "lab"], s, "lab-key-000008");
    expect(login.code).toBe(0);
    expect((await runCli(["auth", "list"], s)).stdout).toMatch(/^lab\s+file/m);
  });

  it("reports a corrupt key file by path instead of overwriting it", async () => {
    const s = makeSandbox();
    mkdirSync(s.dataDir, { recursive: true });
    writeFileSync(keyFile(s.dataDir), "{ not json");
    const list = await runCli(["auth", "list"], s);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(`The key file ${keyFile(s.dataDir)} is not valid JSON`);
    const login = await runCli(["auth", "login", "openai"], s, "sk-cli-new-key-000009");
    expect(login.code).toBe(1);
    expect(readFileSync(keyFile(s.dataDir), "utf8")).toBe("{ not json");
  });

  it("lists Vault keys first and warns, still listing local keys, when Vault is sealed", async () => {
    const vault = await FakeVaultServer.start();
    try {
      vault.putSecret("secret", "codetether/providers/moonshotai", { api_key: "sk-cli-vault-moonshot-10" });
      const s = makeSandbox({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, DEEPSEEK_API_KEY: "sk-cli-env-deepseek-0011" });
      const list = await runCli(["auth", "list"], s);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/^moonshotai\s+vault\s+secret\/data\/codetether\/providers\/moonshotai$/m);
      vault.seal();
      const sealed = await runCli(["auth", "list"], s);
      expect(sealed.code).toBe(0);
      expect(sealed.stderr).toContain(`warning: could not list vault keys: Vault at ${vault.address} is sealed`);
      expect(sealed.stdout).toMatch(/^deepseek\s+env/m);
      expect(sealed.stdout).not.toContain("moonshotai");
    } finally {
      await vault.close();
    }
  });

  it("login github-copilot runs the GitHub device flow and saves the granted token", async () => {
    const github = await startCopilotServer({ pendingPolls: 1 });
    try {
      const s = makeSandbox({ CODETETHER_GITHUB_URL: github.url, CODETETHER_GITHUB_POLL_MS: "20" });
      const login = await runCli(["auth", "login", "github-copilot", "--device"], s);
      expect(login.code).toBe(0);
      expect(login.stderr).toContain(`Open ${github.url}/login/device and enter the code ${github.userCode}`);
      expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers["github-copilot"].api_key).toBe(github.githubToken);
      expect(login.stdout + login.stderr).not.toContain(github.githubToken);
    } finally {
      await github.close();
    }
  });

  it("login github-copilot accepts a pasted GitHub token on stdin", async () => {
    const s = makeSandbox();
    const login = await runCli(["auth", "login", "github-copilot"], s, "ghp_pastedToken000012\n");
    expect(login.code).toBe(0);
    expect(JSON.parse(readFileSync(keyFile(s.dataDir), "utf8")).providers["github-copilot"].api_key).toBe("ghp_pastedToken000012");
  });
});
