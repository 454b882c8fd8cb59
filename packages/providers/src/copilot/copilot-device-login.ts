import { AbortedError } from "@codetether/core";
import { redact } from "@codetether/secrets";
import { CopilotLoginError } from "./copilot-login-error.js";
import { COPILOT_CLIENT_ID, GITHUB_URL } from "./copilot-headers.js";

export interface DeviceVerification {
  /** The code the user types at `verificationUri`. */
  userCode: string;
  verificationUri: string;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export interface CopilotDeviceLoginOptions {
  /** Shows the code to the user; the login then polls until they have entered it. */
  onVerification: (verification: DeviceVerification) => void | Promise<void>;
  /** Default https://github.com (tests point it at a local server). */
  githubUrl?: string;
  clientId?: string;
  signal?: AbortSignal;
  /** Overrides the poll interval GitHub asks for (tests). */
  pollIntervalMs?: number;
}

/**
 * GitHub's OAuth device flow (`/login/device/code`, then polling `/login/oauth/access_token`):
 * resolves to a GitHub token that the Copilot token exchange accepts. The caller stores it (the
 * `auth login github-copilot` command writes it to the secret store).
 */
export async function copilotDeviceLogin(options: CopilotDeviceLoginOptions): Promise<string> {
  const base = (options.githubUrl ?? GITHUB_URL).replace(/\/+$/, "");
  const clientId = options.clientId ?? COPILOT_CLIENT_ID;
  const code = await postForm(`${base}/login/device/code`, { client_id: clientId, scope: "read:user" }, options.signal);
  if (typeof code.device_code !== "string" || typeof code.user_code !== "string") {
    throw new CopilotLoginError("bad_response", `GitHub answered the device-code request unexpectedly: ${redact(JSON.stringify(code))}`);
  }
  const expiresIn = Number(code.expires_in ?? 900);
  await options.onVerification({
    userCode: code.user_code,
    verificationUri: String(code.verification_uri ?? `${base}/login/device`),
    expiresIn,
  });
  let intervalMs = options.pollIntervalMs ?? Number(code.interval ?? 5) * 1000;
  const deadline = Date.now() + expiresIn * 1000;
  while (Date.now() < deadline) {
    await sleep(intervalMs, options.signal);
    const answer = await postForm(
      `${base}/login/oauth/access_token`,
      { client_id: clientId, device_code: code.device_code, grant_type: "urn:ietf:params:oauth:grant-type:device_code" },
      options.signal,
    );
    if (typeof answer.access_token === "string") return answer.access_token;
    switch (answer.error) {
      case "authorization_pending":
        continue;
      case "slow_down":
        // RFC 8628: add five seconds each time the server asks.
        intervalMs = options.pollIntervalMs ?? intervalMs + 5_000;
        continue;
      case "expired_token":
        throw new CopilotLoginError("expired", "the code expired before it was entered.");
      case "access_denied":
        throw new CopilotLoginError("denied", "the request was denied on GitHub.");
      default:
        throw new CopilotLoginError(String(answer.error ?? "bad_response"), redact(String(answer.error_description ?? JSON.stringify(answer))));
    }
  }
  throw new CopilotLoginError("expired", "the code expired before it was entered.");
}

async function postForm(url: string, form: Record<string, string>, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw new AbortedError("The GitHub login");
    throw new CopilotLoginError("unreachable", `cannot reach ${new URL(url).origin}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CopilotLoginError("bad_response", `${url} answered HTTP ${response.status} with non-JSON: ${redact(text.slice(0, 200))}`);
  }
  if (!response.ok && typeof (body as { error?: unknown }).error !== "string") {
    throw new CopilotLoginError("http", `${url} answered HTTP ${response.status}: ${redact(text.slice(0, 200))}`);
  }
  return body as Record<string, unknown>;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError("The GitHub login"));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError("The GitHub login"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
