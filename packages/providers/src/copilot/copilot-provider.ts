import type { RetryPolicy } from "../retry/retry-policy.js";
import { OpenAIChatProvider } from "../openai/openai-chat-provider.js";
import { COPILOT_API_URL, COPILOT_HEADERS } from "./copilot-headers.js";
import { CopilotTokenManager } from "./copilot-token-manager.js";

export interface CopilotProviderOptions {
  id?: string;
  /** A GitHub OAuth token of an account with Copilot (from the device-flow login). */
  githubToken: string;
  /** Where to exchange it (default GitHub's `copilot_internal/v2/token`). */
  tokenUrl?: string;
  /** Chat API base; default: the `endpoints.api` the token exchange names, else api.githubcopilot.com. */
  baseUrl?: string;
  headers?: Record<string, string>;
  refreshMarginMs?: number;
  now?: () => number;
  extraModels?: string[];
  retry?: RetryPolicy;
}

/** GitHub Copilot's OpenAI-compatible chat endpoint, authenticated with an auto-refreshed Copilot token. */
export class CopilotProvider extends OpenAIChatProvider {
  readonly tokens: CopilotTokenManager;

  constructor(options: CopilotProviderOptions) {
    const id = options.id ?? "github-copilot";
    const tokens = new CopilotTokenManager({
      githubToken: options.githubToken,
      providerId: id,
      ...(options.tokenUrl ? { tokenUrl: options.tokenUrl } : {}),
      ...(options.refreshMarginMs !== undefined ? { refreshMarginMs: options.refreshMarginMs } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    super({
      id,
      baseUrl: options.baseUrl ?? COPILOT_API_URL,
      parallelToolCalls: true,
      // Which models a Copilot account may use depends on its plan and policies: ask the endpoint.
      listServerModels: true,
      ...(options.extraModels ? { extraModels: options.extraModels } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      credentials: async () => {
        const token = await tokens.get();
        return {
          apiKey: token.token,
          baseUrl: options.baseUrl ?? token.apiBaseUrl ?? COPILOT_API_URL,
          headers: { ...COPILOT_HEADERS, ...options.headers },
        };
      },
      onAuthRejected: () => tokens.invalidate(),
    });
    this.tokens = tokens;
  }
}
