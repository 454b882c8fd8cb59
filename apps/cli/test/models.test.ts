import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startOpenAIServer } from "@codetether/fixtures";
import { describe, expect, it } from "vitest";
import { makeSandbox, runCli } from "./helpers.js";

describe("codetether models (built binary)", () => {
  it("prints a table of every provider's models with limits, abilities and prices", async () => {
    const s = makeSandbox();
    const result = await runCli(["models"], s);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^MODEL\s+CONTEXT\s+MAX OUT\s+TOOLS\s+VISION\s+REASONING\s+IN \$\/M\s+CACHED \$\/M\s+OUT \$\/M$/);
    expect(lines.find((l) => l.startsWith("moonshotai/kimi-k2.5 "))).toMatch(/262,144\s+32,768\s+yes\s+yes\s+yes\s+0\.60\s+0\.10\s+3\.00$/);
    for (const provider of ["openai/", "anthropic/", "google/", "deepseek/", "zhipuai/", "stepfun/", "openrouter/", "github-copilot/"]) {
      expect(lines.some((l) => l.startsWith(provider)), provider).toBe(true);
    }
  });

  it("filters by --provider and prints JSON with --json", async () => {
    const s = makeSandbox();
    const result = await runCli(["models", "--provider", "deepseek", "--json"], s);
    expect(result.code).toBe(0);
    const models = JSON.parse(result.stdout) as Array<{ ref: string; contextWindow: number; pricing?: { inputPerMTok: number } }>;
    expect(models.map((m) => m.ref)).toEqual(["deepseek/deepseek-chat", "deepseek/deepseek-reasoner"]);
    expect(models[0]).toMatchObject({ contextWindow: 131_072, supportsTools: true, known: true, pricing: { inputPerMTok: 0.28 } });
  });

  it("includes models of providers defined in the config, marked as not in the catalog", async () => {
    const s = makeSandbox();
    const dir = join(s.home, ".config", "codetether-agent");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "config.toml"),
      '[providers.ollama]\ntype = "openai-compatible"\nbase_url = "http://127.0.0.1:11434/v1"\nmodels = ["qwen3:8b", "llama3.2"]\n',
    );
    const table = await runCli(["models", "--provider", "ollama"], s);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ollama\/qwen3:8b \*\s+128,000\s+8,192/m);
    expect(table.stdout).toContain("ollama/llama3.2 *");
    expect(table.stdout).toContain("not in the catalog");
    const all = await runCli(["models", "--json"], s);
    expect((JSON.parse(all.stdout) as Array<{ ref: string }>).some((m) => m.ref === "ollama/qwen3:8b")).toBe(true);
  });

  it("refuses an unknown provider with the known ones and exit 1", async () => {
    const result = await runCli(["models", "--provider", "nosuch"], makeSandbox());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown provider "nosuch"');
    expect(result.stderr).toContain("moonshotai");
    expect(result.stdout).toBe("");
  });

  it("answers --provider without a value as a usage error (exit 2)", async () => {
    const result = await runCli(["models", "--provider"], makeSandbox());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--provider needs a provider id");
  });

  it("says how to name the models of a configured provider that lists none, instead of an empty table", async () => {
    const s = makeSandbox();
    const configDir = join(s.home, ".config", "codetether-agent");
    mkdirSync(configDir, { recursive: true });
    writeFileSync(join(configDir, "config.toml"), '[providers.lab]\ntype = "openai-compatible"\nbase_url = "http://127.0.0.1:8000/v1"\n');
    const result = await runCli(["models", "--provider", "lab"], s);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("providers.lab.models");
    const set = await runCli(["config", "--set", 'providers.lab.models=["qwen3:8b"]'], s);
    expect(set.code).toBe(0);
    expect((await runCli(["models", "--provider", "lab"], s)).stdout).toContain("lab/qwen3:8b");
  });

  it("--provider <local server> adds the models the server itself lists; a plain listing never asks it", async () => {
    const server = await startOpenAIServer({ models: ["qwen3:8b", "llama3.2:3b"] });
    try {
      const s = makeSandbox();
      const dir = join(s.home, ".config", "codetether-agent");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "config.toml"), `[providers.lab]\ntype = "openai-compatible"\nbase_url = "${server.url}/v1"\nmodels = ["qwen3:8b"]\n`);
      await runCli(["models"], s);
      expect(server.requests).toHaveLength(0);
      const table = await runCli(["models", "--provider", "lab"], s);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain("lab/qwen3:8b *");
      expect(table.stdout).toContain("lab/llama3.2:3b *");
      expect(table.stdout.match(/lab\/qwen3:8b/g)).toHaveLength(1);
      expect(server.requests.map((r) => r.path)).toEqual(["/v1/models"]);
    } finally {
      await server.close();
    }
  });
});
