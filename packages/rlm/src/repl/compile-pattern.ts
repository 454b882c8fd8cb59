import { RlmCommandError } from "../errors/rlm-command-error.js";

/**
 * Compiles a grep pattern. `"/ERROR|WARN/i"` carries flags in the usual slash form; a plain string
 * is a case-sensitive regex. Always global and multiline so one scan covers the whole content.
 */
export function compilePattern(pattern: string): RegExp {
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  const source = slashed ? (slashed[1] as string) : pattern;
  const extra = slashed ? (slashed[2] as string) : "";
  if (source === "") throw new RlmCommandError("empty pattern: give a regular expression to search for");
  const flags = new Set(["g", "m", ...extra.split("")]);
  for (const f of flags) {
    if (!"gimsuy".includes(f)) throw new RlmCommandError(`invalid regex flag '${f}' in ${pattern} (use i, s or u)`);
  }
  flags.delete("y");
  try {
    return new RegExp(source, [...flags].join(""));
  } catch (error) {
    throw new RlmCommandError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}
