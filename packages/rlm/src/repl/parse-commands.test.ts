import { describe, expect, it } from "vitest";
import { parseCommands } from "./parse-commands.js";

describe("parseCommands", () => {
  it("parses an assignment, a call with positional and named arguments, and a bare variable", () => {
    const parsed = parseCommands('errs = grep("ERROR", max=5)\ncount("db", errs)\nerrs');
    expect(parsed).toEqual([
      {
        ok: true,
        command: {
          assign: "errs",
          source: 'errs = grep("ERROR", max=5)',
          expr: { kind: "call", name: "grep", args: [{ kind: "string", value: "ERROR" }], named: { max: { kind: "number", value: 5 } } },
        },
      },
      {
        ok: true,
        command: {
          source: 'count("db", errs)',
          expr: { kind: "call", name: "count", args: [{ kind: "string", value: "db" }, { kind: "var", name: "errs" }], named: {} },
        },
      },
      { ok: true, command: { source: "errs", expr: { kind: "var", name: "errs" } } },
    ]);
  });

  it("keeps unknown escapes so regexes survive quoting, and decodes known ones", () => {
    const [a, b, c] = parseCommands('grep("\\d+\\.log")\nprint("a\\tb\\n")\ngrep(r"\\n\\d")');
    expect(a?.ok && a.command.expr.kind === "call" && a.command.expr.args[0]).toEqual({ kind: "string", value: "\\d+\\.log" });
    expect(b?.ok && b.command.expr.kind === "call" && b.command.expr.args[0]).toEqual({ kind: "string", value: "a\tb\n" });
    expect(c?.ok && c.command.expr.kind === "call" && c.command.expr.args[0]).toEqual({ kind: "string", value: "\\n\\d" });
  });

  it("lets a call continue over lines inside parentheses, skips comments and splits on semicolons", () => {
    const parsed = parseCommands('# look around\nx = lines(\n  10,\n  20,\n)\nhead(3); tail(2)');
    expect(parsed.map((p) => p.ok && p.command.expr.kind === "call" && p.command.expr.name)).toEqual(["lines", "head", "tail"]);
    expect(parsed.map((p) => (p.ok ? p.command.source : p.source))).toEqual(["x = lines(\n  10,\n  20,\n)", "head(3)", "tail(2)"]);
  });

  it("reads a JavaScript regex literal as a pattern and // as a comment", () => {
    const [a, b] = parseCommands('grep(/error|warn\\/x/i)  // both levels\nhead(2) // first lines');
    expect(a?.ok && a.command.expr.kind === "call" && a.command.expr.args).toEqual([{ kind: "string", value: "/error|warn\\/x/i" }]);
    expect(b?.ok && b.command.expr).toEqual({ kind: "call", name: "head", args: [{ kind: "number", value: 2 }], named: {} });
  });

  it("accepts triple-quoted strings spanning lines and negative numbers", () => {
    const [a, b] = parseCommands('x = """line one\nline "two" end"""\nslice(-5, 10)');
    expect(a?.ok && a.command.expr).toEqual({ kind: "string", value: 'line one\nline "two" end' });
    expect(b?.ok && b.command.expr.kind === "call" && b.command.expr.args[0]).toEqual({ kind: "number", value: -5 });
  });

  it("reports bad syntax per command and still parses the good ones", () => {
    const parsed = parseCommands('grep("ok")\ngrep("open\ncount(("x")\nhead(1) tail(2)\nx = \nlen(a, b=1, c)');
    expect(parsed.map((p) => p.ok)).toEqual([true, false, false, false, false, false]);
    const errors = parsed.filter((p) => !p.ok).map((p) => (p.ok ? "" : p.error));
    expect(errors[0]).toMatch(/unterminated string/);
    expect(errors[1]).toMatch(/expected '\)'|unexpected/);
    expect(errors[2]).toMatch(/one command per line/);
    expect(errors[3]).toMatch(/expected a command/);
    expect(errors[4]).toMatch(/positional argument after a named one/);
  });

  it("explains that Python statements and f-strings are not part of the language", () => {
    const [loop, fstr] = parseCommands('for c in chunks(4):\nprint(f"{x}")');
    expect(loop?.ok === false && loop.error).toMatch(/'for' statements are not supported.*llm_query\("question", chunks\(n\)\)/);
    expect(fstr?.ok === false && fstr.error).toMatch(/f-strings are not supported/);
  });

  it("rejects characters outside the language instead of evaluating them", () => {
    const [p] = parseCommands("process.exit(1)");
    expect(p?.ok).toBe(false);
    expect(p?.ok === false && p.error).toMatch(/unexpected character "\."/);
  });
});
