/** Splits one simple command into words, dropping the quotes around them (no expansion). */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:\\.|[^"\\])*)"|((?:\\.|[^\s'"])+)/g;
  let current = "";
  let last = -1;
  for (let m = re.exec(command); m; m = re.exec(command)) {
    const piece = m[1] ?? m[2] ?? m[3] ?? "";
    // Adjacent pieces (`a"b"c`) form one word.
    if (m.index === last) current += piece;
    else {
      if (last !== -1) out.push(current);
      current = piece;
    }
    last = re.lastIndex;
  }
  if (last !== -1) out.push(current);
  return out;
}

/** `.env`, `.env.local`, `config/.env`, `HEAD:.env`, but not `.env.example`. */
const SECRETS_FILE = /(^|[/:=])\.env(\.[^/]*)?$/;
const SECRETS_EXAMPLE = /(^|[/:=])\.env\.example$/;

/** Recursive flags of grep-like commands (`-r`, `-R`, `-rn`, `--recursive`, `--dereference-recursive`). */
const RECURSIVE_FLAG = /^(-[a-zA-Z]*[rR][a-zA-Z]*|--(dereference-)?recursive)$/;

/**
 * Whether a simple command names something the built-in "read-only" command allowances should
 * not vouch for: a path outside the workspace (absolute, `~`, `..`), a variable that could name
 * one, a `.env` file or a glob that could match one, or a recursive grep that would read them.
 * Such commands are asked about instead, like reading those paths with read_file would be.
 */
export function reachesOutsideWorkspace(command: string): boolean {
  const [name, ...args] = words(command);
  // echo and which print their arguments or a command's location; they open no file.
  if (name === undefined || name === "echo" || name === "which") return false;
  for (const arg of args) {
    // `--file=/etc/passwd` and `<~/.ssh/id_rsa` (an input redirection) name a path too.
    const value = (arg.startsWith("-") && arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : arg).replace(/^\d*[<>]+&?/, "");
    if (value.includes("$")) return true;
    if (value.startsWith("/") && value !== "/dev/null") return true;
    if (value.startsWith("~")) return true;
    if (value === ".." || value.startsWith("../") || value.includes("/../") || value.endsWith("/..")) return true;
    if (SECRETS_FILE.test(value) && !SECRETS_EXAMPLE.test(value)) return true;
    // A word starting with "." that the shell would expand can match a dotfile such as .env.
    if (/(^|\/)\.[^/]*[*?[]/.test(value)) return true;
    if ((name === "grep" || name === "egrep" || name === "fgrep") && RECURSIVE_FLAG.test(arg)) return true;
  }
  return false;
}
