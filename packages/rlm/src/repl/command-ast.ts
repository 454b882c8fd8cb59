/** The command language the model writes: a tiny, Python-looking expression language. */
export type Expr =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "var"; name: string }
  | { kind: "call"; name: string; args: Expr[]; named: Record<string, Expr> }
  /** `answers[0]`, `parts[-1]`: one item of a list value. */
  | { kind: "index"; target: Expr; index: number };

export interface Command {
  /** The variable the result is stored in (`x = grep("a")`), if any. */
  assign?: string;
  expr: Expr;
  /** The command's source text, echoed in the transcript. */
  source: string;
}

/** A parsed command, or the reason a piece of source could not be parsed. */
export type ParsedCommand = { ok: true; command: Command } | { ok: false; source: string; error: string };
