import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeVaultServer } from "@codetether/fixtures/vault";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VaultError } from "../errors/vault-error.js";
import { redact, REDACTED } from "../redact.js";
import { VaultSecretStore } from "./vault-secret-store.js";

const KV = "/v1/secret/data/codetether/providers";
let now = 0;
const clock = () => now;
let vault: FakeVaultServer;
const stores: VaultSecretStore[] = [];

beforeEach(async () => {
  now = Date.UTC(2026, 10, 22);
  vault = await FakeVaultServer.start({ now: clock });
  vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-vault-openai-0001" });
  vault.setPolicy("codetether", { "secret/data/codetether/providers/*": ["read"], "secret/metadata/codetether/providers": ["list"] });
});
afterEach(async () => {
  for (const s of stores.splice(0)) s.close();
  await vault.close();
});

function store(env: NodeJS.ProcessEnv, overrides: Partial<ConstructorParameters<typeof VaultSecretStore>[0]> = {}): VaultSecretStore {
  const s = VaultSecretStore.fromEnv({ HOME: "/nonexistent", VAULT_ADDR: vault.address, ...env }, { now: clock, renewInBackground: false, ...overrides });
  stores.push(s);
  return s;
}

async function failure(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(VaultError.isVaultError(error)).toBe(true);
  return error as VaultError;
}

function tempFile(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "ct-vault-")), name);
  writeFileSync(path, content);
  return path;
}

describe("VaultSecretStore authentication", () => {
  it("reads a KV v2 secret with VAULT_TOKEN and maps its fields", async () => {
    vault.putSecret("secret", "codetether/providers/anthropic", {
      api_key: "sk-ant-vault-0002",
      base_url: "http://127.0.0.1:9/v1",
      organization: "org-7",
      headers: '{"X-Team":"blue"}',
    });
    const s = store({ VAULT_TOKEN: vault.rootToken });
    const lookup = await s.get("anthropic");
    expect(lookup).toEqual({
      found: true,
      source: "vault",
      location: "secret/data/codetether/providers/anthropic",
      secret: { apiKey: "sk-ant-vault-0002", baseUrl: "http://127.0.0.1:9/v1", organization: "org-7", headers: { "X-Team": "blue" } },
    });
    expect(vault.requestsTo(`${KV}/anthropic`)[0]).toMatchObject({ method: "GET", token: vault.rootToken });
  });

  it("honours VAULT_MOUNT and VAULT_SECRETS_PATH", async () => {
    vault.mountKv("kv");
    vault.putSecret("kv", "team/llm/openai", { api_key: "sk-other-mount-03" });
    const s = store({ VAULT_TOKEN: vault.rootToken, VAULT_MOUNT: "kv", VAULT_SECRETS_PATH: "/team/llm/" });
    expect(s.secretPath("openai")).toBe("kv/data/team/llm/openai");
    expect((await s.read("openai")).apiKey).toBe("sk-other-mount-03");
  });

  it("uses the Vault Agent token file and follows it when the agent writes a new token", async () => {
    const first = vault.createToken({ ttl: 3600, policies: ["codetether"] });
    const file = tempFile("agent-token", `${first}\n`);
    const s = store({ VAULT_TOKEN_FILE: file }, { cacheTtlSeconds: 0 });
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    vault.revokeToken(first);
    const second = vault.createToken({ ttl: 3600, policies: ["codetether"] });
    writeFileSync(file, second);
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    expect(vault.requestsTo(`${KV}/openai`).map((r) => r.token)).toEqual([first, second]);
  });

  it("logs in with the Kubernetes service-account JWT and reads with the issued token", async () => {
    vault.addKubernetesRole("codetether", { jwts: ["eyJhbGciOi.sa-payload.sig"], policies: ["root"], ttl: 600 });
    const jwtPath = tempFile("token", "eyJhbGciOi.sa-payload.sig\n");
    const s = store({ VAULT_ROLE: "codetether", VAULT_K8S_TOKEN_PATH: jwtPath });
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    const [login] = vault.requestsTo("/v1/auth/kubernetes/login");
    expect(login?.body).toEqual({ role: "codetether", jwt: "eyJhbGciOi.sa-payload.sig" });
    const issued = vault.requestsTo(`${KV}/openai`)[0]?.token;
    expect(issued).toMatch(/^hvs\./);
    expect(vault.tokenInfo(issued!)?.live).toBe(true);
  });

  it("logs in on a custom Kubernetes auth mount (VAULT_AUTH_MOUNT)", async () => {
    vault.addKubernetesRole("r", { jwts: ["jwt-value-1"], policies: ["root"], mount: "k8s-prod" });
    const s = store({ VAULT_ROLE: "r", VAULT_K8S_TOKEN_PATH: tempFile("t", "jwt-value-1"), VAULT_AUTH_MOUNT: "k8s-prod" });
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/k8s-prod/login")).toHaveLength(1);
  });

  it("reports a missing service-account JWT file as auth_failed with the path", async () => {
    vault.addKubernetesRole("codetether", { jwts: ["x"] });
    const error = await failure(store({ VAULT_ROLE: "codetether", VAULT_K8S_TOKEN_PATH: "/nonexistent/sa/token" }).read("openai"));
    expect(error.reason).toBe("auth_failed");
    expect(error.message).toContain("/nonexistent/sa/token");
    expect(error.hint).toContain("VAULT_K8S_TOKEN_PATH");
  });

  it("logs in with AppRole role_id and secret_id", async () => {
    vault.addAppRole("ci", { roleId: "role-123", secretId: "secret-456", policies: ["root"], ttl: 300 });
    const s = store({ VAULT_ROLE_ID: "role-123", VAULT_SECRET_ID: "secret-456" });
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    expect(vault.requestsTo("/v1/auth/approle/login")[0]?.body).toEqual({ role_id: "role-123", secret_id: "secret-456" });
  });

  it("reports a refused AppRole login as auth_failed naming the address and login path", async () => {
    vault.addAppRole("ci", { roleId: "role-123", secretId: "secret-456" });
    const error = await failure(store({ VAULT_ROLE_ID: "role-123", VAULT_SECRET_ID: "wrong" }).read("openai"));
    expect(error.reason).toBe("auth_failed");
    expect(error.message).toContain(vault.address);
    expect(error.message).toContain("auth/approle/login");
    expect(error.hint).toContain("VAULT_SECRET_ID");
  });

  it("sends X-Vault-Namespace and reads the namespace's own secrets", async () => {
    vault.mountKv("secret", "team-a");
    vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-team-a-000004" }, "team-a");
    const token = vault.createToken({ namespace: "team-a", policies: ["root"] });
    const s = store({ VAULT_TOKEN: token, VAULT_NAMESPACE: "team-a" });
    expect((await s.read("openai")).apiKey).toBe("sk-team-a-000004");
    expect(vault.requests.every((r) => r.namespace === "team-a")).toBe(true);
    const without = await failure(store({ VAULT_TOKEN: token }).read("openai"));
    expect(without.reason).toBe("permission_denied");
  });
});

describe("VaultSecretStore token renewal and caching", () => {
  it("renews a renewable token with renew-self before its TTL runs out", async () => {
    const token = vault.createToken({ ttl: 90, renewable: true, policies: ["codetether"] });
    const s = store({ VAULT_TOKEN: token }, { cacheTtlSeconds: 0 });
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/token/lookup-self")).toHaveLength(1);
    now += 30_000;
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/token/renew-self")).toHaveLength(0);
    now += 35_000; // 65 s of 90: past two thirds of the lease
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/token/renew-self")).toHaveLength(1);
    expect(vault.tokenInfo(token)?.ttl).toBe(90);
    now += 80_000; // past the original expiry: only the renewals keep it alive
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    expect(vault.tokenInfo(token)?.renewals).toBe(2);
  });

  it("keeps renewing on a background timer while the process is idle", async () => {
    const realVault = await FakeVaultServer.start();
    try {
      realVault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-vault-idle-000014" });
      const token = realVault.createToken({ ttl: 2, renewable: true, policies: ["root"] });
      const s = VaultSecretStore.fromEnv({ VAULT_ADDR: realVault.address, VAULT_TOKEN: token, HOME: "/nonexistent" }, { renewFraction: 0.5 });
      stores.push(s);
      await s.read("openai");
      const deadline = Date.now() + 5_000;
      while (realVault.requestsTo("/v1/auth/token/renew-self").length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(realVault.requestsTo("/v1/auth/token/renew-self")).toHaveLength(1);
      expect(realVault.requestsTo(KV)).toHaveLength(1);
    } finally {
      await realVault.close();
    }
  });

  it("does not try to renew a token that is not renewable", async () => {
    const token = vault.createToken({ ttl: 90, renewable: false, policies: ["codetether"] });
    const s = store({ VAULT_TOKEN: token }, { cacheTtlSeconds: 0 });
    await s.read("openai");
    now += 80_000;
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/token/renew-self")).toHaveLength(0);
  });

  it("logs in again when a login-issued token has expired", async () => {
    vault.addAppRole("ci", { roleId: "rid-1", secretId: "sid-1", policies: ["root"], ttl: 60, renewable: false });
    const s = store({ VAULT_ROLE_ID: "rid-1", VAULT_SECRET_ID: "sid-1" }, { cacheTtlSeconds: 0 });
    await s.read("openai");
    now += 61_000;
    await s.read("openai");
    expect(vault.requestsTo("/v1/auth/approle/login")).toHaveLength(2);
    const tokens = vault.requestsTo(`${KV}/openai`).map((r) => r.token);
    expect(new Set(tokens).size).toBe(2);
  });

  it("caches reads for the configured TTL, then asks Vault again", async () => {
    const s = store({ VAULT_TOKEN: vault.rootToken }, { cacheTtlSeconds: 10 });
    await s.read("openai");
    vault.putSecret("secret", "codetether/providers/openai", { api_key: "sk-vault-rotated-05" });
    now += 9_000;
    expect((await s.read("openai")).apiKey).toBe("sk-vault-openai-0001");
    expect(vault.requestsTo(`${KV}/openai`)).toHaveLength(1);
    now += 2_000;
    expect((await s.read("openai")).apiKey).toBe("sk-vault-rotated-05");
    expect(vault.requestsTo(`${KV}/openai`)).toHaveLength(2);
  });

  it("lists providers from the KV metadata without reading their values", async () => {
    vault.putSecret("secret", "codetether/providers/deepseek", { api_key: "sk-deepseek-0006" });
    const s = store({ VAULT_TOKEN: vault.rootToken });
    expect(await s.list()).toEqual([
      { providerId: "deepseek", source: "vault", location: "secret/data/codetether/providers/deepseek" },
      { providerId: "openai", source: "vault", location: "secret/data/codetether/providers/openai" },
    ]);
    expect(vault.requests.some((r) => r.path.startsWith(KV))).toBe(false);
  });
});

describe("VaultSecretStore failures", () => {
  it("reports an unreachable address naming the address and path", async () => {
    const dead = await FakeVaultServer.start();
    const address = dead.address;
    await dead.close();
    const s = VaultSecretStore.fromEnv({ VAULT_ADDR: address, VAULT_TOKEN: "t", HOME: "/nonexistent" }, { renewInBackground: false });
    const error = await failure(s.read("openai"));
    expect(error.reason).toBe("unreachable");
    expect(error.code).toBe("vault_unreachable");
    expect(error.message).toContain(address);
    expect(error.message).toContain("secret/data/codetether/providers/openai");
    expect(error.hint).toContain("VAULT_ADDR");
  });

  it("reports a sealed Vault (503) with what to do", async () => {
    vault.seal();
    const error = await failure(store({ VAULT_TOKEN: vault.rootToken }).read("openai"));
    expect(error).toMatchObject({ reason: "sealed", status: 503, address: vault.address, path: "secret/data/codetether/providers/openai" });
    expect(error.message).toContain("Vault is sealed");
    expect(error.hint).toContain("unseal");
  });

  it("reports 403 permission denied naming the path and the policy to grant", async () => {
    vault.setPolicy("elsewhere", { "secret/data/other/*": ["read"] });
    const token = vault.createToken({ policies: ["elsewhere"], ttl: 600 });
    const error = await failure(store({ VAULT_TOKEN: token }).read("openai"));
    expect(error).toMatchObject({ reason: "permission_denied", status: 403 });
    expect(error.message).toContain(vault.address);
    expect(error.message).toContain("secret/data/codetether/providers/openai");
    expect(error.hint).toContain('path "secret/data/codetether/providers/*"');
  });

  it("reports a revoked token as permission denied on the secret's path", async () => {
    const token = vault.createToken({ ttl: 600, policies: ["codetether"] });
    vault.revokeToken(token);
    const error = await failure(store({ VAULT_TOKEN: token }).read("openai"));
    expect(error).toMatchObject({ reason: "permission_denied", path: "secret/data/codetether/providers/openai" });
    expect(error.hint).toContain("expired or revoked");
  });

  it("answers a missing path (404) as not found from get and as a not_found error from read", async () => {
    const s = store({ VAULT_TOKEN: vault.rootToken });
    const lookup = await s.get("zhipuai");
    expect(lookup.found).toBe(false);
    if (lookup.found) return;
    expect(lookup.tried).toEqual([`vault ${vault.address} secret/data/codetether/providers/zhipuai (not found)`]);
    const error = await failure(s.read("zhipuai"));
    expect(error.reason).toBe("not_found");
    expect(error.message).toContain(vault.address);
    expect(error.hint).toContain("vault kv put -mount=secret codetether/providers/zhipuai api_key=");
  });

  it("rejects a secret without api_key as malformed, naming the fields it has", async () => {
    vault.putSecret("secret", "codetether/providers/stepfun", { apikey: "typo-key-value" });
    const error = await failure(store({ VAULT_TOKEN: vault.rootToken }).get("stepfun"));
    expect(error.reason).toBe("malformed_secret");
    expect(error.message).toContain("secret/data/codetether/providers/stepfun");
    expect(error.message).toContain(vault.address);
    expect(error.message).toContain("no api_key field (fields present: apikey)");
    expect(error.message).not.toContain("typo-key-value");
  });

  it("rejects headers that are neither an object nor JSON", async () => {
    vault.putSecret("secret", "codetether/providers/openrouter", { api_key: "sk-or-000007", headers: "X-A: b" });
    const error = await failure(store({ VAULT_TOKEN: vault.rootToken }).read("openrouter"));
    expect(error.reason).toBe("malformed_secret");
  });

  it("names an address without a scheme as a configuration mistake, not a server failure", async () => {
    const error = await failure(store({ VAULT_TOKEN: vault.rootToken, VAULT_ADDR: vault.address.replace("http://", "") }).read("openai"));
    expect(error.reason).toBe("not_configured");
    expect(error.message).toContain(vault.address.replace("http://", ""));
    expect(error.message).toContain("secret/data/codetether/providers/openai");
    expect(error.hint).toContain(`https://${vault.address.replace("http://", "")}`);
  });

  it("says so when no credentials are configured", async () => {
    const error = await failure(store({}).read("openai"));
    expect(error.reason).toBe("auth_failed");
    expect(error.hint).toContain("VAULT_TOKEN");
  });

  it("masks a key it handed out when it reappears inside a Vault error body", async () => {
    const s = store({ VAULT_TOKEN: vault.rootToken });
    const { apiKey } = await s.read("openai");
    vault.injectFault({ path: `${KV}/anthropic`, status: 500, errors: [`backend rejected credential ${apiKey} for anthropic`] });
    const error = await failure(s.read("anthropic"));
    expect(error.reason).toBe("unexpected");
    expect(error.message).toContain(`backend rejected credential ${REDACTED}`);
    expect(error.describe()).not.toContain(apiKey);
    expect(redact(`log line with ${apiKey}`)).toBe(`log line with ${REDACTED}`);
  });

  it("registers the Vault token itself so it is masked too", async () => {
    const token = vault.createToken({ ttl: 600, policies: ["codetether"] });
    await store({ VAULT_TOKEN: token }).read("openai");
    expect(redact(`X-Vault-Token: ${token}`)).toBe(`X-Vault-Token: ${REDACTED}`);
  });
});
