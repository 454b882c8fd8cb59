import { describeError } from "@codetether/core";
import { printErr, printJson, printOut } from "../cli/output.js";
import type { AuthListArgs } from "../commands/auth-command.js";
import { authContext } from "./auth-context.js";

export async function runAuthList(args: AuthListArgs, cwd: string): Promise<void> {
  const { store } = authContext(cwd);
  try {
    const { keys, problems } = await store.inventory();
    // A broken key file is the user's to fix now (exit 1); a Vault outage is reported but not fatal to a listing.
    if (problems.some((p) => p.source === "file")) process.exitCode = 1;
    if (args.json) {
      printJson({
        policy: store.policy,
        keys,
        problems: problems.map((p) => ({ source: p.source, code: p.error.code, message: p.error.message, ...(p.error.hint ? { hint: p.error.hint } : {}) })),
      });
      return;
    }
    for (const p of problems) printErr(`warning: could not list ${p.source} keys: ${describeError(p.error)}`);
    if (keys.length === 0) {
      printOut("No provider keys found. Add one with `codetether auth login <provider>`, an environment variable, or Vault.");
      return;
    }
    const width = Math.max(8, ...keys.map((k) => k.providerId.length));
    printOut([`${"PROVIDER".padEnd(width)}  SOURCE  WHERE`, ...keys.map((k) => `${k.providerId.padEnd(width)}  ${k.source.padEnd(6)}  ${k.location ?? ""}`)].join("\n"));
  } finally {
    store.close();
  }
}
