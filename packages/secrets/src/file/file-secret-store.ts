import { chmod, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { dataDir as defaultDataDir, writeFileAtomic } from "@codetether/core";
import { SecretFileError } from "../errors/secret-file-error.js";
import { registerSecret } from "../redact.js";
import type { ProviderSecret, SecretListing, SecretLookup, SecretStore } from "../secret-store.js";

export const KEY_FILE_NAME = "keys.json";

export interface FileSecretStoreOptions {
  /** The key file; default `<dataDir>/keys.json`. */
  path?: string;
  /** Default: core's `dataDir()` for `env`. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

interface StoredSecret {
  api_key: string;
  base_url?: string;
  organization?: string;
  headers?: Record<string, string>;
  saved_at?: string;
}

interface KeyFile {
  version: 1;
  providers: Record<string, StoredSecret>;
}

/**
 * The local key file that `codetether auth login` writes: JSON, mode 0600, in the user data dir,
 * replaced atomically on every change so a crash never leaves a torn file.
 */
export class FileSecretStore implements SecretStore {
  readonly path: string;
  /** Serialises read-modify-write cycles within this process. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: FileSecretStoreOptions = {}) {
    this.path = options.path ?? join(options.dataDir ?? defaultDataDir({ env: options.env ?? process.env }), KEY_FILE_NAME);
  }

  async get(providerId: string): Promise<SecretLookup> {
    const stored = (await this.read()).providers[providerId];
    if (!stored) return { found: false, tried: [`file ${this.path}`] };
    registerSecret(stored.api_key);
    for (const value of Object.values(stored.headers ?? {})) registerSecret(value);
    return { found: true, secret: toSecret(stored), source: "file", location: this.path };
  }

  async list(): Promise<SecretListing[]> {
    const file = await this.read();
    return Object.keys(file.providers)
      .sort()
      .map((providerId) => ({ providerId, source: "file" as const, location: this.path }));
  }

  /** Saves (or replaces) a provider's key. A corrupt existing file is left untouched and reported. */
  async set(providerId: string, secret: ProviderSecret): Promise<void> {
    if (!secret.apiKey.trim()) throw new SecretFileError(this.path, `cannot store an empty key for "${providerId}"`);
    registerSecret(secret.apiKey);
    await this.update((file) => {
      file.providers[providerId] = {
        api_key: secret.apiKey,
        ...(secret.baseUrl ? { base_url: secret.baseUrl } : {}),
        ...(secret.organization ? { organization: secret.organization } : {}),
        ...(secret.headers ? { headers: secret.headers } : {}),
        saved_at: new Date().toISOString(),
      };
      return true;
    });
  }

  /** Removes a provider's key; false when there was none. */
  async delete(providerId: string): Promise<boolean> {
    return this.update((file) => {
      if (!(providerId in file.providers)) return false;
      delete file.providers[providerId];
      return true;
    });
  }

  private update(change: (file: KeyFile) => boolean): Promise<boolean> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      if (!change(file)) return false;
      // The directory holds keys too: keep other users out of it when we create it.
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      await chmod(this.path, 0o600);
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<KeyFile> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, providers: {} };
      throw new SecretFileError(this.path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new SecretFileError(this.path, `is not valid JSON (${(error as Error).message})`, error);
    }
    return validate(parsed, this.path);
  }
}

function validate(value: unknown, path: string): KeyFile {
  if (!isObject(value) || !isObject(value.providers)) {
    throw new SecretFileError(path, `is not a key file: expected {"version": 1, "providers": {…}}`);
  }
  for (const [id, entry] of Object.entries(value.providers)) {
    if (!isObject(entry) || typeof entry.api_key !== "string" || entry.api_key === "") {
      throw new SecretFileError(path, `has an entry "${id}" without a string "api_key"`);
    }
    if (entry.headers !== undefined && (!isObject(entry.headers) || Object.values(entry.headers).some((v) => typeof v !== "string"))) {
      throw new SecretFileError(path, `has an entry "${id}" whose "headers" is not an object of strings`);
    }
  }
  return { version: 1, providers: value.providers as Record<string, StoredSecret> };
}

function toSecret(stored: StoredSecret): ProviderSecret {
  return {
    apiKey: stored.api_key,
    ...(typeof stored.base_url === "string" ? { baseUrl: stored.base_url } : {}),
    ...(typeof stored.organization === "string" ? { organization: stored.organization } : {}),
    ...(stored.headers ? { headers: stored.headers } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
