import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SecretFileError } from "../errors/secret-file-error.js";
import { redact, REDACTED } from "../redact.js";
import { FileSecretStore } from "./file-secret-store.js";

const tempDataDir = () => join(mkdtempSync(join(tmpdir(), "ct-keys-")), "data");

describe("FileSecretStore", () => {
  it("saves a key to <dataDir>/keys.json with mode 0600 and reads it back", async () => {
    const dataDir = tempDataDir();
    const store = new FileSecretStore({ dataDir });
    await store.set("openai", { apiKey: "sk-file-openai-0001", organization: "org-1" });
    expect(store.path).toBe(join(dataDir, "keys.json"));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    const again = new FileSecretStore({ dataDir });
    expect(await again.get("openai")).toEqual({
      found: true,
      source: "file",
      location: store.path,
      secret: { apiKey: "sk-file-openai-0001", organization: "org-1" },
    });
    expect(redact("sk-file-openai-0001")).toBe(REDACTED);
  });

  it("finds the data dir from CODETETHER_DATA_DIR like the rest of the project", () => {
    const dataDir = tempDataDir();
    expect(new FileSecretStore({ env: { CODETETHER_DATA_DIR: dataDir } }).path).toBe(join(dataDir, "keys.json"));
  });

  it("replaces the file by rename (new inode) and leaves no temporary files", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await store.set("openai", { apiKey: "sk-file-one-000002" });
    const before = statSync(store.path).ino;
    await store.set("anthropic", { apiKey: "sk-file-two-000003" });
    expect(statSync(store.path).ino).not.toBe(before);
    expect(readdirSync(join(store.path, ".."))).toEqual(["keys.json"]);
    expect(Object.keys(JSON.parse(readFileSync(store.path, "utf8")).providers)).toEqual(["openai", "anthropic"]);
  });

  it("keeps every key when several are saved at once", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await Promise.all(["a1", "b2", "c3", "d4"].map((id) => store.set(id, { apiKey: `sk-concurrent-${id}` })));
    expect((await store.list()).map((l) => l.providerId)).toEqual(["a1", "b2", "c3", "d4"]);
  });

  it("deletes a key and says whether there was one", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await store.set("deepseek", { apiKey: "sk-deepseek-000004" });
    expect(await store.delete("deepseek")).toBe(true);
    expect(await store.delete("deepseek")).toBe(false);
    expect(await store.get("deepseek")).toEqual({ found: false, tried: [`file ${store.path}`] });
  });

  it("refuses a corrupt file with an error naming it, and leaves it untouched", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await store.set("openai", { apiKey: "sk-file-openai-0005" });
    writeFileSync(store.path, '{"version":1,"providers":{"openai":');
    const error = await store.get("openai").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretFileError);
    expect((error as SecretFileError).message).toContain(store.path);
    expect((error as SecretFileError).message).toContain("not valid JSON");
    await expect(store.set("anthropic", { apiKey: "sk-ant-file-0006" })).rejects.toBeInstanceOf(SecretFileError);
    expect(readFileSync(store.path, "utf8")).toBe('{"version":1,"providers":{"openai":');
  });

  it("refuses a file whose entries lack api_key", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await store.set("x", { apiKey: "placeholder-key" });
    writeFileSync(store.path, JSON.stringify({ version: 1, providers: { openai: { key: "nope" } } }));
    await expect(store.list()).rejects.toThrow(/entry "openai" without a string "api_key"/);
  });

  it("refuses to store an empty key", async () => {
    const store = new FileSecretStore({ dataDir: tempDataDir() });
    await expect(store.set("openai", { apiKey: "  " })).rejects.toBeInstanceOf(SecretFileError);
  });
});
