import { parseConfigText, userMessage } from "@codetether/core";
import { startOpenAIServer, type FakeServer } from "@codetether/fixtures";
import { FakeVaultServer } from "@codetether/fixtures/vault";
import { createSecretStore, EnvSecretStore, VaultError } from "@codetether/secrets";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MissingKeyError, ProviderRegistry, UnknownProviderError } from "../index.js";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const noKeys = new EnvSecretStore({ env: {} });

describe("ProviderRegistry", () => {
  it("resolves the default moonshotai/kimi-k2.5 when no model is configured", async () => {
    const registry = new ProviderRegistry({}, new EnvSecretStore({ env: { MOONSHOT_API_KEY: "sk-moon-test-0001" } }));
    const resolved = await registry.resolve();
    expect(resolved.provider.id).toBe("moonshotai");
    expect(resolved.model).toBe("kimi-k2.5");
    expect(resolved.info).toMatchObject({ id: "kimi-k2.5", provider: "moonshotai", known: true, supportsReasoning: true });
  });

  it("resolves a bare model through default_model's provider, and a full ref as written", async () => {
    const config = parseConfigText('default_model = "openai/gpt-4o"');
    const registry = new ProviderRegistry(config, new EnvSecretStore({ env: { OPENAI_API_KEY: "sk-openai-0002", DEEPSEEK_API_KEY: "sk-deep-0003" } }));
    expect(await registry.resolve("gpt-4o-mini")).toMatchObject({ model: "gpt-4o-mini", provider: { id: "openai" } });
    expect(await registry.resolve("deepseek/deepseek-reasoner")).toMatchObject({ model: "deepseek-reasoner", provider: { id: "deepseek" } });
    expect((await registry.resolve("openrouter/openai/gpt-5").catch((e: unknown) => e)) as MissingKeyError).toBeInstanceOf(MissingKeyError);
  });

  it("explains how to set a missing key: Vault, auth login and the variable", async () => {
    const error = (await new ProviderRegistry({}, noKeys).resolve("anthropic/claude-haiku-4-5").catch((e: unknown) => e)) as MissingKeyError;
    expect(error).toBeInstanceOf(MissingKeyError);
    expect(error.code).toBe("provider_key_missing");
    expect(error.hint).toContain("Vault");
    expect(error.hint).toContain("codetether auth login anthropic");
    expect(error.hint).toContain("ANTHROPIC_API_KEY");
  });

  it("talks to a custom openai-compatible host on loopback without any key", async () => {
    server = await startOpenAIServer({ turns: [{ text: "local answer" }], models: ["qwen3:8b"] });
    const config = parseConfigText(`
default_model = "ollama/qwen3:8b"
[providers.ollama]
type = "openai-compatible"
base_url = "${server.url}/v1"
models = ["qwen3:8b"]
`);
    const registry = new ProviderRegistry(config, noKeys);
    const { provider, model, info } = await registry.resolve();
    expect(model).toBe("qwen3:8b");
    expect(info).toMatchObject({ provider: "ollama", id: "qwen3:8b", known: false });
    const response = await provider.complete({ model, messages: [userMessage("hi")] });
    expect(response.message.content).toEqual([{ type: "text", text: "local answer" }]);
    expect(registry.catalog("ollama").map((m) => m.id)).toEqual(["qwen3:8b"]);
  });

  it("points a built-in provider at a configured base_url with its key and headers", async () => {
    server = await startOpenAIServer({ turns: [{ text: "via config" }], requireApiKey: "sk-openai-0004" });
    const config = parseConfigText(`
[providers.openai]
base_url = "${server.url}/v1"
headers = { "X-Team" = "core" }
`);
    const registry = new ProviderRegistry(config, new EnvSecretStore({ env: { OPENAI_API_KEY: "sk-openai-0004" } }));
    const { provider, model } = await registry.resolve("openai/gpt-4o");
    expect((await provider.complete({ model, messages: [userMessage("hi")] })).message.content).toEqual([{ type: "text", text: "via config" }]);
    expect(server.requests[0]?.headers["x-team"]).toBe("core");
  });

  it("refuses an unknown provider and lists the known ones", async () => {
    const registry = new ProviderRegistry({}, noKeys);
    const error = (await registry.resolve("nosuch/model").catch((e: unknown) => e)) as UnknownProviderError;
    expect(error).toBeInstanceOf(UnknownProviderError);
    expect(error.message).toContain("moonshotai");
    expect(() => registry.catalog("nosuch")).toThrow(UnknownProviderError);
  });

  it("builds each provider once and retries the build after a key appears", async () => {
    const env: NodeJS.ProcessEnv = {};
    const registry = new ProviderRegistry({}, new EnvSecretStore({ env }));
    await expect(registry.resolve("openai/gpt-4o")).rejects.toBeInstanceOf(MissingKeyError);
    env.OPENAI_API_KEY = "sk-openai-late-0005";
    const a = await registry.resolve("openai/gpt-4o");
    const b = await registry.resolve("openai/gpt-5");
    expect(a.provider).toBe(b.provider);
  });
});

describe("ProviderRegistry and Vault", () => {
  it("reports why Vault gave no key (403 here) instead of a bare 'no key', naming the address and path", async () => {
    const vault = await FakeVaultServer.start();
    try {
      vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-vault-0007" });
      const token = vault.createToken({ policies: [], ttl: 3600 });
      const env = { VAULT_ADDR: vault.address, VAULT_TOKEN: token };
      const store = createSecretStore({ env, dataDir: mkdtempSync(join(tmpdir(), "ct-reg-")) });
      const error = (await new ProviderRegistry({}, store).resolve("openai/gpt-4o").catch((e: unknown) => e)) as VaultError;
      store.close();
      expect(VaultError.isVaultError(error)).toBe(true);
      expect(error.reason).toBe("permission_denied");
      expect(error.message).toContain(vault.address);
      expect(error.message).toContain("secret/data/codetether/providers/openai");
    } finally {
      await vault.close();
    }
  });

  it("still says 'no key' when Vault simply has no secret for the provider", async () => {
    const vault = await FakeVaultServer.start();
    try {
      const env = { VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken };
      const store = createSecretStore({ env, dataDir: mkdtempSync(join(tmpdir(), "ct-reg-")) });
      const error = await new ProviderRegistry({}, store).resolve("openai/gpt-4o").catch((e: unknown) => e);
      store.close();
      expect(error).toBeInstanceOf(MissingKeyError);
      expect((error as MissingKeyError).message).toContain("not found");
    } finally {
      await vault.close();
    }
  });
});

describe("ProviderRegistry defaults", () => {
  it("reads a bare model with a colon (qwen3:8b) as a model of the default provider, not a provider qwen3", async () => {
    server = await startOpenAIServer({ turns: [{ text: "from ollama" }] });
    const config = parseConfigText(`
default_model = "ollama/llama3"
[providers.ollama]
type = "openai-compatible"
base_url = "${server.url}/v1"
`);
    const registry = new ProviderRegistry(config, noKeys);
    const resolved = await registry.resolve("qwen3:8b");
    expect(resolved).toMatchObject({ model: "qwen3:8b", provider: { id: "ollama" } });
    await resolved.provider.complete({ model: resolved.model, messages: [userMessage("hi")] });
    expect(server.requests[0]?.body.model).toBe("qwen3:8b");
    // A colon still names a provider that exists.
    const env = new EnvSecretStore({ env: { DEEPSEEK_API_KEY: "sk-deep-0008" } });
    expect(await new ProviderRegistry(config, env).resolve("deepseek:deepseek-chat")).toMatchObject({ model: "deepseek-chat", provider: { id: "deepseek" } });
    // And a bare default_model with a colon belongs to the built-in default provider.
    const bare = new ProviderRegistry(parseConfigText('default_model = "kimi-k2:latest"'), new EnvSecretStore({ env: { MOONSHOT_API_KEY: "sk-moon-0009" } }));
    expect(await bare.resolve()).toMatchObject({ model: "kimi-k2:latest", provider: { id: "moonshotai" } });
  });


  it("reads a bare default_model as a model of the built-in default provider", async () => {
    const registry = new ProviderRegistry(parseConfigText('default_model = "kimi-k2-thinking"'), new EnvSecretStore({ env: { MOONSHOT_API_KEY: "sk-moon-0006" } }));
    expect(await registry.resolve()).toMatchObject({ model: "kimi-k2-thinking", provider: { id: "moonshotai" } });
  });
});
