export interface SplitCommand {
  parts: string[];
  /** `$(…)`, backticks or process substitution: inner commands no prefix rule can vouch for. */
  hasSubstitution: boolean;
  /** An output redirection to a file (`> f`, `>> f`; not `2>&1` or `> /dev/null`): the command writes. */
  hasRedirect: boolean;
}

/**
 * Splits a shell command line into the simple commands it runs (`a && b | c; d` → a, b, c, d),
 * honouring quotes, so a rule allowing `git *` cannot be used to smuggle `git status; rm -rf ~`.
 */
export function splitShellCommand(command: string): SplitCommand {
  const parts: string[] = [];
  let current = "";
  let quote: "'" | '"' | undefined;
  let hasSubstitution = false;
  let hasRedirect = false;
  const push = () => {
    const trimmed = current.trim();
    if (trimmed) parts.push(trimmed);
    current = "";
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    const next = command[i + 1];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      current += c;
      continue;
    }
    if (c === "\\" && next !== undefined) {
      current += c + next;
      i++;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "`" || (c === "$" && next === "(")) hasSubstitution = true;
      current += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      current += c;
      continue;
    }
    if (c === "`" || (c === "$" && next === "(") || ((c === "<" || c === ">") && next === "(")) hasSubstitution = true;
    else if (c === ">") {
      let j = i + 1;
      if (command[j] === ">" || command[j] === "|") j++;
      if (command[j] !== "&") {
        while (command[j] === " " || command[j] === "\t") j++;
        const target = /^[^\s;&|<>]*/.exec(command.slice(j))?.[0] ?? "";
        if (target !== "/dev/null") hasRedirect = true;
      }
    }
    if (c === ";" || c === "\n" || c === "|" || c === "&") {
      // `2>&1` and `&>` are redirections, not separators.
      if (c === "&" && (command[i - 1] === ">" || next === ">")) {
        current += c;
        continue;
      }
      push();
      if ((c === "|" || c === "&") && next === c) i++;
      continue;
    }
    current += c;
  }
  push();
  return { parts, hasSubstitution, hasRedirect };
}
