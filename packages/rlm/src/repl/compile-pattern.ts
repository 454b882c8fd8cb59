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
  if (hasNestedQuantifier(source)) {
    throw new RlmCommandError(
      `the pattern ${JSON.stringify(pattern)} repeats a group that itself repeats, e.g. (a+)+: on a large text it can run for hours. Drop the outer repetition or make the group exact`,
    );
  }
  try {
    return new RegExp(source, [...flags].join(""));
  } catch (error) {
    throw new RlmCommandError(`invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** A quantifier at `at`: its length, and whether it is exact ({3}) or variable (?, *, +, {2,}, {2,5}). */
function quantifierAt(source: string, at: number): { length: number; exact: boolean; unbounded: boolean } | undefined {
  const c = source[at];
  let length = 0;
  let exact = false;
  let unbounded = false;
  if (c === "?") length = 1;
  else if (c === "*" || c === "+") {
    length = 1;
    unbounded = true;
  } else if (c === "{") {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(source.slice(at));
    if (!m || (m[1] === "" && m[3] === "")) return undefined;
    length = m[0].length;
    exact = m[2] === "";
    unbounded = m[2] === "," && m[3] === "";
  } else return undefined;
  if (source[at + length] === "?") length++; // lazy
  return { length, exact, unbounded };
}

interface Group {
  /** A branch made only of variable-length parts, like a+ or \\s*\\w+. */
  risky: boolean;
  /** Every branch has a part of fixed length, which each repetition must consume. */
  allFixed: boolean;
  anyVariable: boolean;
  branchVariable: boolean;
  branchFixed: boolean;
}

const newGroup = (): Group => ({ risky: false, allFixed: true, anyVariable: false, branchVariable: false, branchFixed: false });

function endBranch(g: Group): void {
  if (g.branchVariable && !g.branchFixed) g.risky = true;
  if (!g.branchFixed) g.allFixed = false;
  g.anyVariable ||= g.branchVariable;
  g.branchVariable = false;
  g.branchFixed = false;
}

/**
 * A repeated group whose every part has a variable length ((a+)+, (\\w+\\s?)*, (.*)*) can make
 * a backtracking regex engine take exponential time on a line that almost matches, and a
 * JavaScript regex cannot be interrupted: such patterns are refused before they run. A group with
 * a fixed part ((\\w+\\.)+) is fine: each repetition has to consume it.
 */
function hasNestedQuantifier(source: string): boolean {
  const stack: Group[] = [newGroup()];
  const top = () => stack[stack.length - 1] as Group;
  const atom = (end: number): number => {
    const q = quantifierAt(source, end);
    if (!q || q.exact) top().branchFixed = true;
    else top().branchVariable = true;
    return end + (q?.length ?? 0);
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "\\") i = atom(i + 2);
    else if (c === "[") {
      let j = i + 1;
      while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
      i = atom(j + 1);
    } else if (c === "(") {
      stack.push(newGroup());
      const prefix = /^\(\?(?:[:=!]|<[=!]|<[A-Za-z_][A-Za-z0-9_]*>)/.exec(source.slice(i));
      i += prefix ? prefix[0].length : 1;
    } else if (c === "|") {
      endBranch(top());
      i++;
    } else if (c === ")" && stack.length > 1) {
      const g = stack.pop() as Group;
      endBranch(g);
      const q = quantifierAt(source, i + 1);
      if (q?.unbounded && g.anyVariable && g.risky) return true;
      if (!q || q.exact) {
        if (g.allFixed) top().branchFixed = true;
        if (g.anyVariable) top().branchVariable = true;
      } else top().branchVariable = true;
      i += 1 + (q?.length ?? 0);
    } else if (c === "^" || c === "$") i++;
    else i = atom(i + 1);
  }
  return false;
}
