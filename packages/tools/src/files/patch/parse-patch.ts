import type { ParsedPatch } from "./patch-operation.js";
import { parseEnvelopePatch } from "./parse-envelope-patch.js";
import { parseUnifiedDiff } from "./parse-unified-diff.js";

/** Reads either patch format: the `*** Begin Patch` envelope when it is present, else a unified diff. */
export function parsePatch(patch: string): ParsedPatch {
  return /^\s*\*\*\* Begin Patch\s*$/m.test(patch) ? parseEnvelopePatch(patch) : parseUnifiedDiff(patch);
}
