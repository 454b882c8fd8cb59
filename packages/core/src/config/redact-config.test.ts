import { describe, expect, it } from "vitest";
import { parseConfigText, redactConfigSecrets } from "../index.js";

describe("redactConfigSecrets on permission rules", () => {
  it("shows permission rules whose patterns name secrets or tokens as written, since their values are only allow/ask/deny", () => {
    const config = parseConfigText(
      '[permissions]\nedit = { "secrets/**" = "deny", "*.lock" = "ask" }\nread = { "**/token*.json" = "ask" }\nbash = { "vault token lookup" = "deny" }\n',
    );
    expect(redactConfigSecrets(config).permissions).toEqual({
      edit: { "secrets/**": "deny", "*.lock": "ask" },
      read: { "**/token*.json": "ask" },
      bash: { "vault token lookup": "deny" },
    });
  });

  it("still masks a credential-named key elsewhere in the same config", () => {
    const out = redactConfigSecrets({ permissions: { edit: { "secrets/**": "deny" } }, a2a: { token: "abc" } });
    expect(out.a2a).toEqual({ token: "[REDACTED]" });
  });
});
