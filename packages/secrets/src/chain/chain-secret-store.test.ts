import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeVaultServer } from "@codetether/fixtures/vault";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CodetetherConfig } from "@codetether/core";
import { createSecretStore } from "../create-secret-store.js";
import { VaultError } from "../errors/vault-error.js";
import { FileSecretStore } from "../file/file-secret-store.js";
import { requireSecret } from "../require-secret.js";
import { SecretNotFoundError } from "../errors/secret-not-found-error.js";
import type { ChainSecretStore } from "./chain-secret-store.js";

let vault: FakeVaultServer;
let dataDir: string;
const chains: ChainSecretStore[] = [];

beforeEach(async () => {
  vault = await FakeVaultServer.start();
  dataDir = mkdtempSync(join(tmpdir(), "ct-chain-"));
  vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-chain-vault-openai" });
  const file = new FileSecretStore({ dataDir });
  await file.set("openai", { apiKey: "sk-chain-file-openai" });
  await file.set("anthropic", { apiKey: "sk-chain-file-anthropic" });
});
afterEach(async () => {
  for (const c of chains.splice(0)) c.close();
  await vault.close();
});

const ENV_KEYS = {
  OPENAI_API_KEY: "sk-chain-env-openai",
  ANTHROPIC_API_KEY: "sk-chain-env-anthropic",
  DEEPSEEK_API_KEY: "sk-chain-env-deepseek",
};

function chain(env: NodeJS.ProcessEnv, config: CodetetherConfig = {}): ChainSecretStore {
  const store = createSecretStore({ config, env: { HOME: "/nonexistent", ...env }, dataDir, vault: { renewInBackground: false } });
  chains.push(store);
  return store;
}

async function deadAddress(): Promise<string> {
  const dead = await FakeVaultServer.start();
  await dead.close();
  return dead.address;
}

describe("ChainSecretStore", () => {
  it("asks Vault, then the key file, then the environment", async () => {
    const store = chain({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, ...ENV_KEYS });
    expect(await store.get("openai")).toMatchObject({ found: true, source: "vault", secret: { apiKey: "sk-chain-vault-openai" } });
    expect(await store.get("anthropic")).toMatchObject({ found: true, source: "file", secret: { apiKey: "sk-chain-file-anthropic" } });
    const deepseek = await store.get("deepseek");
    expect(deepseek).toMatchObject({ found: true, source: "env", location: "DEEPSEEK_API_KEY" });
    const missing = await store.get("stepfun");
    expect(missing.found).toBe(false);
    if (!missing.found) {
      expect(missing.tried).toEqual([
        `vault ${vault.address} secret/data/codetether/providers/stepfun (not found)`,
        `file ${join(dataDir, "keys.json")}`,
        "env STEPFUN_API_KEY",
      ]);
    }
  });

  it("lists each provider once with the source get would use, never the value", async () => {
    const store = chain({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, ...ENV_KEYS });
    const listing = await store.list();
    expect(listing).toEqual([
      { providerId: "anthropic", source: "file", location: join(dataDir, "keys.json") },
      { providerId: "deepseek", source: "env", location: "DEEPSEEK_API_KEY" },
      { providerId: "openai", source: "vault", location: "secret/data/codetether/providers/openai" },
    ]);
    expect(JSON.stringify(listing)).not.toContain("sk-chain");
  });

  it("skips Vault entirely when no Vault address is configured", async () => {
    const store = chain({ VAULT_TOKEN: vault.rootToken, ...ENV_KEYS });
    expect(store.vault).toBeUndefined();
    expect(await store.get("openai")).toMatchObject({ source: "file" });
    expect(vault.requests).toHaveLength(0);
  });

  it("takes the Vault address, mount and path from [secrets] config", async () => {
    vault.mountKv("kv");
    vault.putSecret("kv", "llm/openai", { api_key: "sk-config-vault-01" });
    const store = chain(
      { VAULT_TOKEN: vault.rootToken },
      { secrets: { vault_address: vault.address, vault_mount: "kv", vault_path: "llm", cache_ttl_seconds: 0 } },
    );
    expect(await store.get("openai")).toMatchObject({ source: "vault", location: "kv/data/llm/openai", secret: { apiKey: "sk-config-vault-01" } });
  });

  it("falls through to local keys when Vault fails, recording the failure", async () => {
    vault.seal();
    const store = chain({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, ...ENV_KEYS });
    const lookup = await store.get("deepseek");
    expect(lookup).toMatchObject({ found: true, source: "env" });
    const missing = await store.get("zhipuai");
    expect(missing.found).toBe(false);
    if (!missing.found) {
      expect(missing.tried[0]).toBe(`vault ${vault.address} secret/data/codetether/providers/zhipuai (sealed)`);
      expect(missing.errors?.[0]).toBeInstanceOf(VaultError);
    }
    const inventory = await store.inventory();
    expect(inventory.problems.map((p) => [p.source, (p.error as VaultError).reason])).toEqual([["vault", "sealed"]]);
    expect(inventory.keys.map((k) => k.source)).toEqual(["file", "env", "file"]);
  });

  it('under policy "vault-only" throws the Vault error instead of using local keys', async () => {
    const address = await deadAddress();
    const store = chain({ VAULT_ADDR: address, VAULT_TOKEN: "t", ...ENV_KEYS }, { secrets: { policy: "vault-only" } });
    const error = await store.get("openai").catch((e: unknown) => e);
    expect(VaultError.isVaultError(error) && error.reason).toBe("unreachable");
    expect((error as VaultError).message).toContain(address);
    expect(store.sources.map((s) => s.source)).toEqual(["vault"]);
  });

  it("under vault-only a missing Vault secret is not found even though file and environment have one", async () => {
    const store = chain({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, ...ENV_KEYS }, { secrets: { policy: "vault-only" } });
    const lookup = await store.get("anthropic");
    expect(lookup.found).toBe(false);
    expect(await store.list()).toEqual([{ providerId: "openai", source: "vault", location: "secret/data/codetether/providers/openai" }]);
  });

  it("CODETETHER_DISABLE_ENV_FALLBACK=1 turns every fallback off", async () => {
    const store = chain({ VAULT_ADDR: vault.address, VAULT_TOKEN: vault.rootToken, CODETETHER_DISABLE_ENV_FALLBACK: "1", ...ENV_KEYS });
    expect(store.policy).toBe("vault-only");
    expect((await store.get("deepseek")).found).toBe(false);
  });

  it("vault-only without a Vault address is a clear configuration error", async () => {
    const store = chain({ ...ENV_KEYS }, { secrets: { policy: "vault-only" } });
    const error = await store.get("openai").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).reason).toBe("not_configured");
    expect((error as VaultError).hint).toContain("VAULT_ADDR");
  });

  it("requireSecret names every place it looked and every way to add a key", async () => {
    const store = chain({});
    const error = await requireSecret(store, "google").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretNotFoundError);
    expect((error as SecretNotFoundError).message).toContain(join(dataDir, "keys.json"));
    expect((error as SecretNotFoundError).hint).toContain("codetether auth login google");
    expect((error as SecretNotFoundError).hint).toContain("GOOGLE_API_KEY or GEMINI_API_KEY");
    expect(await requireSecret(chain(ENV_KEYS), "deepseek")).toEqual({ apiKey: "sk-chain-env-deepseek" });
  });
});
