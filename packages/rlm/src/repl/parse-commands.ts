import type { Expr, ParsedCommand } from "./command-ast.js";
import { RlmCommandError } from "../errors/rlm-command-error.js";

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "punct"; v: "(" | ")" | "," | "=" | "[" | "]"; at: number }
  | { t: "newline"; at: number }
  | { t: "error"; v: string; at: number };

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0" };

/**
 * Reads a string literal at `start` (which holds the opening quote, or an `r` before it). Follows
 * Python: known escapes are decoded, unknown ones (`\d`, `\.`) keep their backslash, so regexes
 * survive ordinary quoting; `r"…"` keeps every backslash; triple quotes may span lines.
 */
function readString(src: string, start: number): { value: string; end: number } | { error: string; end: number } {
  let i = start;
  const raw = src[i] === "r" || src[i] === "R";
  if (raw) i++;
  const quote = src[i] as string;
  const triple = src.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  i += close.length;
  let out = "";
  while (i < src.length) {
    if (src.startsWith(close, i)) return { value: out, end: i + close.length };
    const ch = src[i] as string;
    if (ch === "\n" && !triple) break;
    if (ch === "\\" && i + 1 < src.length) {
      const next = src[i + 1] as string;
      if (raw) out += ch + next;
      else out += ESCAPES[next] ?? ch + next;
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  const lineEnd = src.indexOf("\n", start);
  return { error: `unterminated string starting ${JSON.stringify(src.slice(start, start + 20))}`, end: triple || lineEnd === -1 ? src.length : lineEnd };
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (ch === "\n" || ch === ";") {
      tokens.push({ t: "newline", at: i++ });
    } else if (ch === " " || ch === "\t" || ch === "\r") {
      i++;
    } else if (ch === "#" || (ch === "/" && src[i + 1] === "/")) {
      // `#` as in Python; `//` because models switch to JavaScript habits mid-block.
      while (i < src.length && src[i] !== "\n") i++;
    } else if (ch === '"' || ch === "'" || ((ch === "r" || ch === "R") && (src[i + 1] === '"' || src[i + 1] === "'"))) {
      const s = readString(src, i);
      tokens.push("error" in s ? { t: "error", v: s.error, at: i } : { t: "string", v: s.value, at: i });
      i = s.end;
    } else if ((ch === "f" || ch === "F") && (src[i + 1] === '"' || src[i + 1] === "'")) {
      const s = readString(src, i + 1);
      tokens.push({ t: "error", v: "f-strings are not supported: pass values as arguments, e.g. llm_query(\"question\", x)", at: i });
      i = s.end;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64)) as RegExpExecArray;
      tokens.push({ t: "ident", v: m[0], at: i });
      i += m[0].length;
    } else if (/[0-9]/.test(ch) || (ch === "-" && /[0-9]/.test(src[i + 1] ?? ""))) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(src.slice(i, i + 32)) as RegExpExecArray;
      tokens.push({ t: "number", v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (ch === "/") {
      // A JavaScript regex literal, grep(/ERROR|WARN/i): kept as the "/…/flags" string grep takes.
      const m = /^\/(?:[^/\\\n]|\\.)+\/[a-z]*/.exec(src.slice(i, src.indexOf("\n", i) === -1 ? src.length : src.indexOf("\n", i)));
      if (m) {
        tokens.push({ t: "string", v: m[0], at: i });
        i += m[0].length;
      } else tokens.push({ t: "error", v: `unexpected character "/"`, at: i++ });
    } else if ("(),=[]".includes(ch)) {
      tokens.push({ t: "punct", v: ch as "(", at: i++ });
    } else {
      tokens.push({ t: "error", v: `unexpected character ${JSON.stringify(ch)}`, at: i++ });
    }
  }
  return tokens;
}

/**
 * Groups tokens into statements: a newline ends one unless it is inside brackets. Newlines kept
 * inside a group mark where it may be split again if it does not parse as one statement.
 */
function splitStatements(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const tok of tokens) {
    if (tok.t === "punct" && (tok.v === "(" || tok.v === "[")) depth++;
    if (tok.t === "punct" && (tok.v === ")" || tok.v === "]")) depth = Math.max(0, depth - 1);
    if (tok.t === "newline" && depth === 0) {
      if (current.some((t) => t.t !== "newline")) out.push(current);
      current = [];
    } else {
      current.push(tok);
    }
  }
  if (current.some((t) => t.t !== "newline")) out.push(current);
  return out;
}

/** Splits a group at its inner newlines: used when an unclosed bracket swallowed the lines after it. */
function splitLines(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const tok of tokens) {
    if (tok.t === "newline") out.push([]);
    else (out[out.length - 1] as Token[]).push(tok);
  }
  return out.filter((g) => g.length > 0);
}

const PYTHON_STATEMENTS = new Set(["for", "while", "if", "def", "import", "from", "return", "with", "lambda", "class", "try", "elif", "else"]);

class StatementParser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private fail(message: string): never {
    throw new RlmCommandError(message);
  }

  private expectPunct(v: string, context: string): void {
    const tok = this.tokens[this.pos];
    if (tok?.t === "punct" && tok.v === v) {
      this.pos++;
      return;
    }
    this.fail(`expected '${v}' ${context}${tok ? `, found ${describe(tok)}` : " before the end of the line"}`);
  }

  statement(): { assign?: string; expr: Expr } {
    const first = this.peek();
    const second = this.tokens[this.pos + 1];
    if (first?.t === "ident" && PYTHON_STATEMENTS.has(first.v) && !(second?.t === "punct" && (second.v === "(" || second.v === "="))) {
      this.fail(
        `'${first.v}' statements are not supported: this REPL runs one command per line. To repeat a question over parts, use llm_query("question", chunks(n))`,
      );
    }
    let assign: string | undefined;
    if (first?.t === "ident" && second?.t === "punct" && second.v === "=") {
      assign = first.v;
      this.pos += 2;
    }
    const expr = this.expr();
    const rest = this.peek();
    if (rest) this.fail(`${rest.t === "error" ? rest.v : `unexpected ${describe(rest)}`} after the command (one command per line)`);
    return assign === undefined ? { expr } : { assign, expr };
  }

  private expr(): Expr {
    let expr = this.primary();
    // Subscripts, as a model used to Python writes them: answers[0], parts[-1].
    for (let open = this.peek(); open?.t === "punct" && open.v === "["; open = this.peek()) {
      this.pos++;
      const at = this.tokens[this.pos++];
      const close = this.tokens[this.pos++];
      if (at?.t !== "number" || !Number.isInteger(at.v) || close?.t !== "punct" || close.v !== "]") {
        this.fail("a subscript takes one whole number, e.g. answers[0] (no slices)");
      }
      expr = { kind: "index", target: expr, index: at.v };
    }
    return expr;
  }

  private primary(): Expr {
    const tok = this.tokens[this.pos++];
    if (!tok) return this.fail("expected a command, a string, a number or a variable");
    switch (tok.t) {
      case "string":
        return { kind: "string", value: tok.v };
      case "number":
        return { kind: "number", value: tok.v };
      case "ident": {
        const next = this.peek();
        if (next?.t === "punct" && next.v === "(") {
          this.pos++;
          return this.call(tok.v);
        }
        return { kind: "var", name: tok.v };
      }
      case "error":
        return this.fail(tok.v);
      default:
        return this.fail(`unexpected ${describe(tok)}`);
    }
  }

  private call(name: string): Expr {
    const args: Expr[] = [];
    const named: Record<string, Expr> = {};
    const close = this.peek();
    if (close?.t === "punct" && close.v === ")") {
      this.pos++;
      return { kind: "call", name, args, named };
    }
    for (;;) {
      const tok = this.peek();
      const after = this.tokens[this.pos + 1];
      if (tok?.t === "ident" && after?.t === "punct" && after.v === "=") {
        this.pos += 2;
        named[tok.v] = this.expr();
      } else {
        if (Object.keys(named).length > 0) this.fail(`positional argument after a named one in ${name}(…)`);
        args.push(this.expr());
      }
      const sep = this.tokens[this.pos];
      if (sep?.t === "punct" && sep.v === ",") {
        this.pos++;
        // Allow a trailing comma: f(a, b,)
        const maybeClose = this.peek();
        if (maybeClose?.t === "punct" && maybeClose.v === ")") {
          this.pos++;
          break;
        }
        continue;
      }
      this.expectPunct(")", `to close ${name}(…)`);
      break;
    }
    return { kind: "call", name, args, named };
  }
}

function describe(tok: Token): string {
  switch (tok.t) {
    case "ident":
      return `'${tok.v}'`;
    case "string":
      return "a string";
    case "number":
      return `the number ${tok.v}`;
    case "punct":
      return `'${tok.v}'`;
    case "newline":
      return "the end of the line";
    case "error":
      return tok.v;
  }
}

/**
 * Parses REPL source into commands, one per line (a call may continue over lines inside its
 * parentheses; `;` also separates commands; `#` starts a comment). Nothing is evaluated here: a
 * command that does not parse comes back as an error entry and the others still run.
 */
export function parseCommands(source: string): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  const all = tokenize(source);
  const parseGroup = (tokens: Token[]): ParsedCommand => {
    const first = tokens[0] as Token;
    const last = tokens[tokens.length - 1] as Token;
    // The command's text runs to where the next token (a newline, `;`, the next command) starts.
    const after = all[all.indexOf(last) + 1];
    const text = source.slice(first.at, after ? after.at : source.length).trim();
    try {
      const stmt = new StatementParser(tokens.filter((t) => t.t !== "newline")).statement();
      return { ok: true, command: { ...stmt, source: text } };
    } catch (error) {
      return { ok: false, source: text, error: (error as Error).message };
    }
  };
  for (const group of splitStatements(all)) {
    const parsed = parseGroup(group);
    if (!parsed.ok && group.some((t) => t.t === "newline")) out.push(...splitLines(group).map(parseGroup));
    else out.push(parsed);
  }
  return out;
}
