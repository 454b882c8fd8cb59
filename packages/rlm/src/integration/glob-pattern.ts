/** Characters that make a path a glob. */
export const GLOB_CHARS = /[*?[{]/;

/**
 * A glob as a regular expression over `/`-separated relative paths: `**` crosses directories,
 * `*` and `?` stay within one, `{a,b}` and `[abc]` (`[!abc]`) as in shells.
 */
export function globPattern(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      const slash = glob[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (c === "{" && glob.indexOf("}", i) !== -1) {
      const end = glob.indexOf("}", i);
      const options = glob.slice(i + 1, end).split(",");
      out += `(?:${options.map((o) => o.replace(/[.+^$()|\\[\]]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")).join("|")})`;
      i = end;
    } else if (c === "[" && glob.indexOf("]", i) !== -1) {
      const end = glob.indexOf("]", i);
      out += glob.slice(i, end + 1).replace(/^\[!/, "[^");
      i = end;
    } else out += c.replace(/[.+^$()|\\{}[\]]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}
