import { registerSecret } from "@codetether/secrets";
import { HttpFailure } from "../errors/http-failure.js";
import { ProviderError } from "../errors/provider-error.js";
import { toProviderError } from "../errors/to-provider-error.js";
import { COPILOT_HEADERS, COPILOT_TOKEN_URL } from "./copilot-headers.js";

export interface CopilotToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The chat API base the token is for (`endpoints.api`), when the exchange names one. */
  apiBaseUrl?: string;
}

export interface CopilotTokenManagerOptions {
  githubToken: string;
  tokenUrl?: string;
  /** Exchange again this long before the token expires (default 5 minutes). */
  refreshMarginMs?: number;
  now?: () => number;
  providerId?: string;
}

/**
 * Trades the GitHub token for a short-lived Copilot token (`GET /copilot_internal/v2/token`) and
 * trades again shortly before it expires; concurrent callers share one exchange.
 */
export class CopilotTokenManager {
  private current: CopilotToken | undefined;
  private pending: Promise<CopilotToken> | undefined;
  private readonly options: CopilotTokenManagerOptions;
  /** How many exchanges were made (for diagnostics). */
  exchanges = 0;

  constructor(options: CopilotTokenManagerOptions) {
    this.options = options;
  }

  async get(): Promise<CopilotToken> {
    const now = (this.options.now ?? Date.now)();
    const margin = this.options.refreshMarginMs ?? 5 * 60_000;
    if (this.current && now < this.current.expiresAt - margin) return this.current;
    this.pending ??= this.exchange().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** Forgets the token, so the next call exchanges again (after the host rejected it). */
  invalidate(): void {
    this.current = undefined;
  }

  private async exchange(): Promise<CopilotToken> {
    const providerId = this.options.providerId ?? "github-copilot";
    let response: Response;
    try {
      response = await fetch(this.options.tokenUrl ?? COPILOT_TOKEN_URL, {
        headers: { ...COPILOT_HEADERS, Authorization: `token ${this.options.githubToken}`, Accept: "application/json" },
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw toProviderError(error, providerId);
    }
    const text = await response.text();
    if (!response.ok) {
      const kind = response.status === 401 || response.status === 403 || response.status === 404 ? "auth" : undefined;
      const base = toProviderError(new HttpFailure(response.status, response.headers, text), providerId);
      if (!kind) throw base;
      throw new ProviderError({
        kind,
        providerId,
        status: response.status,
        providerMessage: `Copilot token exchange refused: ${base.providerMessage}. The GitHub account needs an active Copilot subscription; run \`codetether auth login github-copilot\` again.`,
      });
    }
    const body = safeJson(text) as { token?: string; expires_at?: number; refresh_in?: number; endpoints?: { api?: string } } | undefined;
    if (!body?.token || typeof body.expires_at !== "number") {
      throw new ProviderError({ kind: "unavailable", providerId, providerMessage: `invalid Copilot token response: ${text.slice(0, 200)}` });
    }
    this.exchanges += 1;
    // The Copilot token is a bearer credential like the GitHub token it came from: mask it everywhere.
    registerSecret(body.token);
    this.current = {
      token: body.token,
      expiresAt: body.expires_at * 1000,
      ...(body.endpoints?.api ? { apiBaseUrl: body.endpoints.api } : {}),
    };
    return this.current;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
