/** Counts identical consecutive tool calls (same name, same arguments) across the steps of a run. */
export class RepeatGuard {
  private last: string | undefined;
  private count = 0;

  constructor(readonly limit = 3) {}

  /** Records a call; returns how many times in a row it has now been made. */
  record(name: string, rawArgs: string): number {
    const signature = `${name}\u0000${canonicalArgs(rawArgs)}`;
    if (signature === this.last) this.count++;
    else {
      this.last = signature;
      this.count = 1;
    }
    return this.count;
  }
}

/** Arguments as canonical JSON (sorted keys) so `{"a":1,"b":2}` and `{"b":2, "a":1}` count as the same call. */
function canonicalArgs(raw: string): string {
  try {
    return JSON.stringify(sortKeys(JSON.parse(raw || "{}")));
  } catch {
    return raw.trim();
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
