import { describe, expect, it } from "vitest";
import { ConfigError, defaultConfigText, parseCliValue, parseConfigText, redactConfigSecrets, setConfigValue } from "../index.js";

describe("setConfigValue", () => {
  it("replaces an existing key in place and keeps every comment", () => {
    const before = "# my comment\ndefault_model = \"a/b\" # trailing\n\n[swarm]\n# keep me\nmax_concurrency = 2\n";
    const after = setConfigValue(before, "swarm.max_concurrency", 6);
    expect(after).toBe("# my comment\ndefault_model = \"a/b\" # trailing\n\n[swarm]\n# keep me\nmax_concurrency = 6\n");
  });

  it("puts a new root key before the first table so TOML files it at the root", () => {
    const after = setConfigValue("[swarm]\nmax_concurrency = 2\n", "default_model", "openai/gpt-5");
    expect(parseConfigText(after).default_model).toBe("openai/gpt-5");
    expect(parseConfigText(after).swarm?.max_concurrency).toBe(2);
  });

  it("creates a missing table", () => {
    const after = setConfigValue('default_model = "a/b"\n', "providers.local.base_url", "http://127.0.0.1:8080/v1");
    expect(parseConfigText(after).providers?.local?.base_url).toBe("http://127.0.0.1:8080/v1");
  });

  it("writes objects as inline tables", () => {
    const after = setConfigValue("", "providers.x.headers", { Authorization: "Bearer t", "X-A": "b" });
    expect(parseConfigText(after).providers?.x?.headers).toEqual({ Authorization: "Bearer t", "X-A": "b" });
  });

  it("edits the generated default file without losing its comments", () => {
    const text = defaultConfigText();
    const after = setConfigValue(text, "default_model", "google/gemini-2.5-pro");
    expect(parseConfigText(after).default_model).toBe("google/gemini-2.5-pro");
    expect(after.split("\n").filter((l) => l.startsWith("#")).length).toBe(text.split("\n").filter((l) => l.startsWith("#")).length);
  });

  it("refuses a value the schema rejects, naming the key", () => {
    expect(() => setConfigValue("", "swarm.strategy", "random")).toThrow(/swarm\.strategy/);
  });

  it("refuses a malformed key", () => {
    expect(() => setConfigValue("", "swarm..x", 1)).toThrow(ConfigError);
  });
});

describe("parseCliValue", () => {
  it("reads TOML literals and falls back to a string", () => {
    expect(parseCliValue("42")).toBe(42);
    expect(parseCliValue("true")).toBe(true);
    expect(parseCliValue('["a", "b"]')).toEqual(["a", "b"]);
    expect(parseCliValue("openai/gpt-5")).toBe("openai/gpt-5");
  });
});

describe("redactConfigSecrets", () => {
  it("masks credential-like keys and every header value, but not env var names", () => {
    const out = redactConfigSecrets({
      providers: { a: { headers: { "X-Custom": "secret-value" }, api_key_env: "MY_KEY", base_url: "http://x" } },
      a2a: { token: "abc" },
    });
    expect(out).toEqual({
      providers: { a: { headers: { "X-Custom": "[REDACTED]" }, api_key_env: "MY_KEY", base_url: "http://x" } },
      a2a: { token: "[REDACTED]" },
    });
  });

  it("masks credentials inside URLs (user:password, a token as user, key-like query parameters) and leaves plain URLs alone", () => {
    const out = redactConfigSecrets({
      providers: {
        a: { base_url: "https://bob:sk-pass-123@llm.example/v1" },
        b: { base_url: "https://ghp_tokenvalue@llm.example/v1" },
        c: { base_url: "http://127.0.0.1:8080/v1?api_key=sk-q-999&mode=x" },
        d: { base_url: "http://127.0.0.1:11434/v1" },
      },
      websearch: { url: "https://search.example/?key=abc123&q=1" },
      default_model: "ollama/qwen3:8b",
    });
    const text = JSON.stringify(out);
    for (const secret of ["sk-pass-123", "ghp_tokenvalue", "sk-q-999", "abc123"]) expect(text).not.toContain(secret);
    expect(out.providers.a.base_url).toBe("https://bob:REDACTED@llm.example/v1");
    expect(out.providers.c.base_url).toContain("mode=x");
    expect(out.providers.d.base_url).toBe("http://127.0.0.1:11434/v1");
    expect(out.default_model).toBe("ollama/qwen3:8b");
  });
});
