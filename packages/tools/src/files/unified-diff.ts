import { createTwoFilesPatch } from "diff";

/** A unified diff of one file's change, as `git diff` would label it (`a/…`, `b/…`, `/dev/null`). */
export function unifiedDiff(path: string, before: string | null, after: string | null, newPath = path): string {
  const oldName = before === null ? "/dev/null" : `a/${path}`;
  const newName = after === null ? "/dev/null" : `b/${newPath}`;
  const patch = createTwoFilesPatch(oldName, newName, before ?? "", after ?? "", undefined, undefined, { context: 3 });
  // The diff package starts with an "Index:"/"====" banner; the model only needs the diff.
  return patch.replace(/^(Index:.*\n)?=+\n/, "");
}

/** Counts of added and removed lines in a unified diff. */
export function diffStats(diff: string): { additions: number; deletions: number } {
  let additions = 0;
  let deletions = 0;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+") && !line.startsWith("+++")) additions++;
    else if (line.startsWith("-") && !line.startsWith("---")) deletions++;
  }
  return { additions, deletions };
}
