import { envVarsFor } from "@codetether/secrets";
import { printErr, printOut } from "../cli/output.js";
import type { AuthLogoutArgs } from "../commands/auth-command.js";
import { authContext } from "./auth-context.js";

export async function runAuthLogout(args: AuthLogoutArgs, cwd: string): Promise<void> {
  const { config, store } = authContext(cwd);
  const file = store.file!;
  const removed = await file.delete(args.provider);
  printOut(removed ? `Removed the ${args.provider} key from ${file.path}.` : `No saved ${args.provider} key in ${file.path}; nothing to remove.`);
  // Under vault-only the environment is never read, so a variable left set changes nothing.
  if (store.policy === "vault-only") return;
  const stillSet = envVarsFor(args.provider, config.providers).filter((name) => process.env[name]?.trim());
  if (stillSet.length > 0) printErr(`note: ${stillSet.join(", ")} is still set in the environment and will be used.`);
}
