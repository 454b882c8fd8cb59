import { describe, expect, it } from "vitest";
import { bareCommands, extractReply, findFinal } from "./extract-commands.js";
import { REPL_COMMANDS } from "./repl.js";

describe("extractReply", () => {
  it("takes repl, python and unlabelled blocks, and ignores other languages", () => {
    const reply = 'Let me look.\n```repl\ngrep("a")\n```\n```bash\nrm -rf /\n```\nand\n```\nhead(2)\n```\n```python\ncount("b")\n```';
    const out = extractReply(reply);
    expect(out.blocks).toEqual(['grep("a")', "head(2)", 'count("b")']);
    expect(out.final).toBeUndefined();
    expect(out.prose).toContain("Let me look.");
  });

  it("still runs the last block of a reply cut off before its closing fence", () => {
    expect(extractReply('Searching.\n```repl\ngrep("a")\ncount("b")').blocks).toEqual(['grep("a")\ncount("b")']);
  });

  it("finds FINAL outside code blocks, with a multi-line answer", () => {
    const out = extractReply('I found it.\nFINAL("The disk filled up\nat 03:12 on node-7")');
    expect(out.final).toEqual({ kind: "text", value: "The disk filled up\nat 03:12 on node-7" });
    expect(out.prose).toBe("I found it.");
  });

  it("finds FINAL(variable) inside a code block and removes it from the commands", () => {
    const out = extractReply('```repl\nx = grep("E")\nFINAL(x)\n```');
    expect(out.blocks).toEqual(['x = grep("E")']);
    expect(out.final).toEqual({ kind: "var", name: "x" });
  });
});

describe("findFinal", () => {
  it("decodes escapes, accepts single quotes, triple quotes and unquoted text", () => {
    expect(findFinal('FINAL("a \\"quoted\\" word")')?.spec).toEqual({ kind: "text", value: 'a "quoted" word' });
    expect(findFinal("FINAL('x')")?.spec).toEqual({ kind: "text", value: "x" });
    expect(findFinal('FINAL("""multi\n"line"\n""")')?.spec).toEqual({ kind: "text", value: 'multi\n"line"\n' });
    expect(findFinal("FINAL(42 errors (mostly timeouts))")?.spec).toEqual({ kind: "text", value: "42 errors (mostly timeouts)" });
    expect(findFinal("FINAL_VAR(answer)")?.spec).toEqual({ kind: "var", name: "answer" });
  });

  it("keeps quotes the model forgot to escape inside the answer, but not an expression after a string", () => {
    expect(findFinal('FINAL("The "disk full" error on node-7")')?.spec).toEqual({ kind: "text", value: 'The "disk full" error on node-7' });
    expect(findFinal("FINAL('it's the db')")?.spec).toEqual({ kind: "text", value: "it's the db" });
    expect(findFinal('Found it: FINAL("The key "retries", not "timeout", was wrong")')?.spec).toEqual({
      kind: "text",
      value: 'The key "retries", not "timeout", was wrong',
    });
    expect(findFinal('FINAL("Root cause: the "disk full" error\non node-7")')?.spec).toEqual({ kind: "text", value: 'Root cause: the "disk full" error\non node-7' });
    expect(findFinal('FINAL("total: " + n)\ngrep("x")')).toBeUndefined();
  });

  it("takes a REPL expression or an f-string for evaluation, other unquoted text literally", () => {
    expect(findFinal('FINAL(count("ERROR", errs))')?.spec).toEqual({ kind: "expr", source: 'count("ERROR", errs)' });
    expect(findFinal('FINAL(f"{n} errors, first at {first}")')?.spec).toEqual({ kind: "template", value: "{n} errors, first at {first}" });
    expect(findFinal("FINAL(explain(everything))")?.spec).toEqual({ kind: "text", value: "explain(everything)" });
    expect(findFinal("FINAL(answers[-1])")?.spec).toEqual({ kind: "expr", source: "answers[-1]" });
  });

  it("does not take a search for the word FINAL as the answer", () => {
    const out = extractReply('```repl\ngrep("FINAL(")\ngrep("ERROR")\n```');
    expect(out.final).toBeUndefined();
    expect(out.blocks).toEqual(['grep("FINAL(")\ngrep("ERROR")']);
  });

  it("ignores a FINAL mention with no argument", () => {
    expect(findFinal("I will call FINAL when done, then FINAL() again")).toBeUndefined();
  });
});

describe("bareCommands", () => {
  it("runs a reply made only of known commands even without a fence", () => {
    const parsed = bareCommands('errs = grep("ERROR")\ncount("db", errs)', REPL_COMMANDS);
    expect(parsed.map((p) => p.ok && p.command.source)).toEqual(['errs = grep("ERROR")', 'count("db", errs)']);
  });

  it("treats anything else as prose", () => {
    expect(bareCommands("Thinking", REPL_COMMANDS)).toEqual([]);
    expect(bareCommands('I will run grep("x") next.', REPL_COMMANDS)).toEqual([]);
    expect(bareCommands('grep("x")\nexplain(everything)', REPL_COMMANDS)).toEqual([]);
    expect(bareCommands('```bash\ngrep -c x\n```', REPL_COMMANDS)).toEqual([]);
  });
});
