import { userMessage } from "@codetether/core";
import { startCopilotServer, type CopilotFakeServer } from "@codetether/fixtures";
import { redact } from "@codetether/secrets";
import { afterEach, describe, expect, it } from "vitest";
import { copilotDeviceLogin, CopilotLoginError, CopilotProvider, createProvider, ProviderError, type DeviceVerification } from "../index.js";
import { FAST_RETRY } from "../test-support/collect-events.js";

let server: CopilotFakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("GitHub Copilot", () => {
  it("logs in with the device flow, polling past authorization_pending", async () => {
    server = await startCopilotServer({ clientId: "Iv1.b507a08c87ecfe98", pendingPolls: 2 });
    const shown: DeviceVerification[] = [];
    const token = await copilotDeviceLogin({ githubUrl: server.url, pollIntervalMs: 1, onVerification: (v) => void shown.push(v) });
    expect(token).toBe(server.githubToken);
    expect(shown).toEqual([{ userCode: server.userCode, verificationUri: `${server.url}/login/device`, expiresIn: 899 }]);
    expect(server.requests.filter((r) => r.path === "/login/oauth/access_token")).toHaveLength(3);
  });

  it("reports a device-flow error GitHub answers as a CopilotLoginError", async () => {
    server = await startCopilotServer({ clientId: "Iv1.someone-else" });
    const error = await copilotDeviceLogin({ githubUrl: server.url, pollIntervalMs: 1, onVerification: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CopilotLoginError);
    expect((error as CopilotLoginError).hint).toMatch(/auth login github-copilot/);
  });

  it("exchanges the GitHub token once and chats on the endpoint it names, with the editor headers", async () => {
    server = await startCopilotServer({ turns: [{ text: "hello from copilot" }, { text: "again" }] });
    const provider = createProvider({ id: "github-copilot", apiKey: server.githubToken, copilotTokenUrl: `${server.url}/copilot_internal/v2/token`, retry: FAST_RETRY });
    const first = await provider.complete({ model: "gpt-4o", messages: [userMessage("hi")] });
    await provider.complete({ model: "gpt-4o", messages: [userMessage("hi")] });
    expect(first.message.content).toEqual([{ type: "text", text: "hello from copilot" }]);
    expect(server.tokenExchanges).toBe(1);
    const chat = server.requests.find((r) => r.path === "/chat/completions")!;
    expect(chat.headers.authorization).toBe(`Bearer ${server.copilotTokens[0]}`);
    expect(chat.headers["editor-version"]).toMatch(/^vscode\//);
    expect(chat.headers["copilot-integration-id"]).toBe("vscode-chat");
    const exchange = server.requests.find((r) => r.path === "/copilot_internal/v2/token")!;
    expect(exchange.headers.authorization).toBe(`token ${server.githubToken}`);
  });

  it("masks the exchanged Copilot token wherever redact() is applied", async () => {
    server = await startCopilotServer({ turns: [{ text: "ok" }] });
    const provider = createProvider({ id: "github-copilot", apiKey: server.githubToken, copilotTokenUrl: `${server.url}/copilot_internal/v2/token`, retry: FAST_RETRY });
    await provider.complete({ model: "gpt-4o", messages: [userMessage("hi")] });
    const token = server.copilotTokens[0]!;
    expect(redact(`Authorization: Bearer ${token}`)).toBe("Authorization: Bearer [REDACTED]");
  });

  it("refreshes the Copilot token before it expires", async () => {
    server = await startCopilotServer({ tokenTtlSeconds: 1800, turns: [{ text: "one" }, { text: "two" }, { text: "three" }] });
    let clock = Date.now();
    const provider = new CopilotProvider({
      githubToken: server.githubToken,
      tokenUrl: `${server.url}/copilot_internal/v2/token`,
      refreshMarginMs: 60_000,
      now: () => clock,
    });
    await provider.complete({ model: "gpt-4o", messages: [userMessage("a")] });
    clock += 1_000_000; // still 800 s left: the token is reused
    await provider.complete({ model: "gpt-4o", messages: [userMessage("b")] });
    expect(server.tokenExchanges).toBe(1);
    clock += 760_000; // 40 s left, inside the margin: exchanged again before use
    await provider.complete({ model: "gpt-4o", messages: [userMessage("c")] });
    expect(server.tokenExchanges).toBe(2);
    const chats = server.requests.filter((r) => r.path === "/chat/completions");
    expect(chats[2]?.headers.authorization).toBe(`Bearer ${server.copilotTokens[1]}`);
  });

  it("exchanges again when Copilot rejects an expired token, and the request still succeeds", async () => {
    server = await startCopilotServer({ turns: [{ text: "one" }, { text: "two" }] });
    const provider = createProvider({ id: "github-copilot", apiKey: server.githubToken, copilotTokenUrl: `${server.url}/copilot_internal/v2/token` });
    await provider.complete({ model: "gpt-4o", messages: [userMessage("a")] });
    server.expireTokens();
    const second = await provider.complete({ model: "gpt-4o", messages: [userMessage("b")] });
    expect(second.message.content).toEqual([{ type: "text", text: "two" }]);
    expect(server.tokenExchanges).toBe(2);
  });

  it("lists the models the Copilot endpoint offers beside the catalog's", async () => {
    server = await startCopilotServer({ models: ["gpt-4.1", "o3-mini-copilot"] });
    const provider = createProvider({ id: "github-copilot", apiKey: server.githubToken, copilotTokenUrl: `${server.url}/copilot_internal/v2/token` });
    const ids = (await provider.listModels()).map((m) => m.id);
    expect(ids).toContain("claude-sonnet-4.5");
    expect(ids).toContain("o3-mini-copilot");
    expect(ids.filter((id) => id === "gpt-4.1")).toHaveLength(1);
  });

  it("fails with an auth ProviderError when GitHub refuses the token", async () => {
    server = await startCopilotServer();
    const provider = createProvider({ id: "github-copilot", apiKey: "gho_wrong-token-000", copilotTokenUrl: `${server.url}/copilot_internal/v2/token` });
    const error = (await provider.complete({ model: "gpt-4o", messages: [userMessage("a")] }).catch((e: unknown) => e)) as ProviderError;
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: "auth", status: 401, providerId: "github-copilot" });
    expect(error.providerMessage).toMatch(/Bad credentials/);
  });
});
