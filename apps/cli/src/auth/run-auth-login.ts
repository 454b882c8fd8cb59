import { registerSecret } from "@codetether/secrets";
import { printErr, printOut } from "../cli/output.js";
import { UsageError } from "../cli/usage-error.js";
import type { AuthLoginArgs } from "../commands/auth-command.js";
import { authContext, checkProviderId } from "./auth-context.js";
import { InvalidKeyInputError } from "./invalid-key-input-error.js";
import { readSecretInput } from "./read-secret-input.js";

export async function runAuthLogin(args: AuthLoginArgs, cwd: string): Promise<void> {
  const { config, store } = authContext(cwd);
  const providerId = args.provider;
  checkProviderId(providerId, config);
  // Checked before the prompt, so nobody types a key only to have it refused.
  if (args.baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(args.baseUrl.trim())) {
    throw new UsageError(`--base-url must be an http(s) URL such as https://api.example.com/v1 (got "${args.baseUrl}").`);
  }
  const file = store.file!;

  const useDevice = providerId === "github-copilot" && (args.device || process.stdin.isTTY);
  const apiKey = useDevice ? await githubDeviceLogin() : parseKey(await readSecretInput(`${providerId} API key (input hidden): `));
  registerSecret(apiKey);
  await file.set(providerId, {
    apiKey,
    ...(args.baseUrl ? { baseUrl: args.baseUrl } : {}),
    ...(args.organization ? { organization: args.organization } : {}),
  });
  printOut(`Saved the ${providerId} key to ${file.path} (mode 0600).`);
  if (store.policy === "vault-only") {
    printErr(`note: the secrets policy is "vault-only", so this local key is not used until that policy is lifted.`);
  } else if (store.vault) {
    printErr(`note: Vault (${store.vault.address}) is asked first; a key stored there for ${providerId} wins over this one.`);
  }
}

function parseKey(input: string): string {
  const key = input.trim();
  if (key === "") throw new InvalidKeyInputError("is empty");
  if (/[\r\n]/.test(key)) throw new InvalidKeyInputError("spans several lines");
  if (/\s/.test(key)) throw new InvalidKeyInputError("contains spaces");
  return key;
}

/** GitHub's device flow, from the providers package (loaded only for this provider). */
async function githubDeviceLogin(): Promise<string> {
  const { copilotDeviceLogin } = await import("@codetether/providers");
  const githubUrl = process.env.CODETETHER_GITHUB_URL?.trim();
  const pollMs = Number(process.env.CODETETHER_GITHUB_POLL_MS);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await copilotDeviceLogin({
      ...(githubUrl ? { githubUrl } : {}),
      ...(Number.isFinite(pollMs) && pollMs > 0 ? { pollIntervalMs: pollMs } : {}),
      signal: controller.signal,
      onVerification: ({ userCode, verificationUri, expiresIn }) => {
        printErr(`Open ${verificationUri} and enter the code ${userCode} (valid ${Math.round(expiresIn / 60)} min). Waiting…`);
      },
    });
  } finally {
    process.off("SIGINT", onSigint);
  }
}
