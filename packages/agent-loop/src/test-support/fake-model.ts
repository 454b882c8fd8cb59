import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ModelInfo, Provider } from "@codetether/core";
import { startOpenAIServer, type FakeServer, type ScriptedTurn } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";

/**
 * The one fake of these tests: a local server speaking OpenAI's wire format, driven through the real
 * provider (and its SDK). Retries are fast so failure tests stay quick.
 */
export async function fakeModel(turns: ScriptedTurn[] = []): Promise<{ server: FakeServer; provider: Provider }> {
  const server = await startOpenAIServer({ turns });
  const provider = createProvider({
    id: "fake",
    type: "openai-compatible",
    baseUrl: `${server.url}/v1`,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { server, provider };
}

export function modelInfo(contextWindow = 128_000, maxOutputTokens = 4096): ModelInfo {
  return { id: "gpt-4o", provider: "fake", contextWindow, maxOutputTokens, supportsTools: true, supportsVision: false, supportsReasoning: false };
}

/** A temporary git repository, removed by the returned cleanup. */
export function tempRepo(prefix = "ct-loop-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync("git", ["init", "-q", "-b", "main", dir]);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The messages the model received in request `n`. */
export function sentMessages(server: FakeServer, n: number): any[] {
  return server.requests.filter((r) => r.path.endsWith("/chat/completions"))[n]?.body.messages ?? [];
}
