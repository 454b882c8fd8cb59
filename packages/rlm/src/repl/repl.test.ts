import { describe, expect, it } from "vitest";
import { ContentIndex } from "../content/content-index.js";
import { detectContentType } from "../content/content-type.js";
import { RlmCommandError } from "../errors/rlm-command-error.js";
import { parseCommands } from "./parse-commands.js";
import { Repl } from "./repl.js";

const log = Array.from({ length: 200 }, (_, i) => {
  const n = i + 1;
  const level = n % 50 === 0 ? "ERROR" : n % 10 === 0 ? "WARN" : "INFO";
  const what = n === 150 ? "db timeout after 30s" : n === 100 ? "db connection refused" : `request ${n} ok`;
  return `2026-11-02T10:00:${String(n % 60).padStart(2, "0")}Z ${level} ${what}`;
}).join("\n");

function makeRepl(text = log, maxResultChars = 4_000) {
  return new Repl({
    index: new ContentIndex(text),
    contentType: detectContentType(text),
    maxResultChars,
    subcall: async () => {
      throw new RlmCommandError("no model in this test");
    },
  });
}

async function run(repl: Repl, source: string) {
  return repl.run(parseCommands(source));
}

describe("Repl", () => {
  it("greps with 1-based line numbers and a total, and counts matching lines", async () => {
    const repl = makeRepl();
    const { entries } = await run(repl, 'grep("ERROR")\ncount("INFO")\ncount("/error/i")');
    expect(entries[0]?.output).toBe(
      "4 matching lines:\n50: 2026-11-02T10:00:50Z ERROR request 50 ok\n100: 2026-11-02T10:00:40Z ERROR db connection refused\n150: 2026-11-02T10:00:30Z ERROR db timeout after 30s\n200: 2026-11-02T10:00:20Z ERROR request 200 ok",
    );
    expect(entries[1]?.output).toBe("180");
    expect(entries[2]?.output).toBe("4");
  });

  it("bounds grep output to the first hits but still reports every match", async () => {
    const { entries } = await run(makeRepl(), 'grep("INFO", max=3)');
    const out = entries[0]?.output ?? "";
    expect(out.split("\n")).toHaveLength(4);
    expect(out).toMatch(/^180 matching lines, first 3:\n1: .*\n2: .*\n3: /);
  });

  it("keeps variables across runs and searches inside them with the original line numbers", async () => {
    const repl = makeRepl();
    await run(repl, 'errs = grep("ERROR")');
    const { entries } = await run(repl, 'grep("db", errs)\ncount("timeout", errs)\nlen(errs)');
    expect(entries.map((e) => e.output)).toEqual([
      "2 matching lines:\n100: 2026-11-02T10:00:40Z ERROR db connection refused\n150: 2026-11-02T10:00:30Z ERROR db timeout after 30s",
      "1",
      "4",
    ]);
    expect(repl.variables()).toEqual({ errs: "grep hits for ERROR, 4 lines" });
  });

  it("matches empty-matching patterns once per real line, also in empty content", async () => {
    const { entries } = await run(makeRepl("a\n\nb\n"), 'grep("/^$/")\ncount("^")\ncount("x*")');
    expect(entries.map((e) => e.output)).toEqual(["1 matching line:\n2: ", "3", "3"]);
    const empty = await run(makeRepl(""), 'grep("^")\ncount("$")\nhead(3)');
    expect(empty.entries.map((e) => e.output)).toEqual(["no lines match ^", "0", "(no lines)"]);
  });

  it("reads head, tail, line ranges and character slices", async () => {
    const repl = makeRepl("a\nb\nc\nd\ne");
    const { entries } = await run(repl, "head(2)\ntail(2)\nlines(2, 3)\nslice(2, 5)\nlines(9, 10)\nlines(3, 1)");
    expect(entries.map((e) => e.output)).toEqual([
      "1: a\n2: b",
      "4: d\n5: e",
      "2: b\n3: c",
      "b\nc",
      "error: line 9 is past the end (the content has 5 lines)",
      "error: lines(3, 1): the last line comes before the first",
    ]);
  });

  it("counts negative line numbers, offsets and chunk indexes from the end, as Python does", async () => {
    const repl = makeRepl("a\nb\nc\nd\ne");
    const { entries } = await run(repl, "lines(-2, -1)\nlines(-3)\nslice(-3)\nslice(0, -6)\nchunks()\nchunk(-1)");
    expect(entries.map((e) => e.output)).toEqual(["4: d\n5: e", "3: c\n4: d\n5: e", "d\ne", "a\nb", "1 chunk:\n[0] lines 1-5 (9 chars): a", "1: a\n2: b\n3: c\n4: d\n5: e"]);
  });

  it("takes one item of a hit list or a chunk list by subscript, and refuses slices", async () => {
    const repl = makeRepl();
    const { entries } = await run(repl, 'errs = grep("ERROR")\nerrs[1]\nerrs[-1]\nparts = chunks(2)\nparts[0][0]\nerrs[9]\nerrs[1:3]\ncount("ERROR")[0]');
    expect(entries.map((e) => e.output)).toEqual([
      expect.stringMatching(/^errs = 4 matching lines/),
      "100: 2026-11-02T10:00:40Z ERROR db connection refused",
      "200: 2026-11-02T10:00:20Z ERROR request 200 ok",
      expect.stringMatching(/^parts = 2 chunks/),
      "error: a lines value has no items; subscripts work on fan-out answers, chunks() lists and grep hits",
      "error: hit [9] does not exist: there are 4 (0-3)",
      expect.stringMatching(/^error: a subscript takes one whole number/),
      "error: a number value has no items; subscripts work on fan-out answers, chunks() lists and grep hits",
    ]);
  });

  it("turns a bad regex, an unknown command and a missing variable into error lines while the rest runs", async () => {
    const repl = makeRepl();
    const { entries } = await run(repl, 'grep("(unclosed")\nrm("-rf")\ncount(nope)\ncount("WARN")\nx = grep("[")\nlen(x)');
    expect(entries[0]).toMatchObject({ isError: true });
    expect(entries[0]?.output).toMatch(/^error: invalid regular expression "\(unclosed"/);
    expect(entries[1]?.output).toMatch(/^error: unknown command rm\(\); the commands are: head\(n\)/);
    expect(entries[2]?.output).toMatch(/^error: nope is not defined/);
    expect(entries[3]).toEqual({ source: 'count("WARN")', output: "16", isError: false });
    expect(entries[5]?.output).toMatch(/^error: x has no value: the command that set it failed/);
    expect(repl.variables()).toEqual({});
  });

  it("refuses a regex that repeats a variable-length group, which could hang on a near-miss line", async () => {
    const repl = makeRepl(`${"a".repeat(40)}!\nhost api.example.com up`);
    const { entries } = await run(repl, 'grep("(a+)+$")\ncount("^(\\s*\\w+)+$")\ngrep("(\\w+\\.)+com")');
    expect(entries[0]?.output).toMatch(/^error: the pattern "\(a\+\)\+\$" repeats a group that itself repeats/);
    expect(entries[1]?.isError).toBe(true);
    expect(entries[2]?.output).toBe("1 matching line:\n2: host api.example.com up");
  });

  it("caps every output before it can reach a prompt and says how much was cut", async () => {
    const big = Array.from({ length: 5_000 }, (_, i) => `line ${i} ${"x".repeat(80)}`).join("\n");
    const { entries } = await run(makeRepl(big, 1_000), "lines(1, 5000)\ngrep(\"line\")\nchunks(400)");
    for (const e of entries) {
      expect(e.output.length).toBeLessThan(1_200);
      expect(e.output).toMatch(/… \[cut at 1000 of \d+\+? ?chars|cut at 1000/);
    }
  });

  it("lists chunks on natural boundaries and returns one by index", async () => {
    const repl = makeRepl();
    const { entries } = await run(repl, "chunks(4)\nc = chunk(1)\nchunk(99)");
    expect(entries[0]?.output).toMatch(/^\d+ chunks:\n\[0\] lines 1-\d+ \(\d+ chars\): 2026-11-02T10:00:01Z INFO request 1 ok/);
    expect(entries[1]?.output).toMatch(/^c = \s*\d+: 2026-11-02/);
    expect(entries[2]?.output).toMatch(/^error: chunk 99 does not exist: there are \d+ chunks/);
  });

  it("splits into at most n parts for chunks(n), covering the content without a sliver at the end", async () => {
    for (const n of [2, 3, 4, 7]) {
      const repl = makeRepl();
      const { entries } = await run(repl, `c = chunks(${n})`);
      const parts = [...(entries[0]?.output ?? "").matchAll(/\[(\d+)\] lines (\d+)-(\d+) \((\d+) chars\)/g)].map((m) => m.slice(2).map(Number));
      expect(parts.length).toBeLessThanOrEqual(n);
      expect(parts.length).toBeGreaterThanOrEqual(n - 1);
      expect(parts[0]?.[0]).toBe(1);
      expect(parts[parts.length - 1]?.[1]).toBe(200);
      for (let i = 1; i < parts.length; i++) expect(parts[i]?.[0]).toBe((parts[i - 1]?.[1] as number) + 1);
      expect(await repl.evaluateText(`chunk(${parts.length - 1})`)).toMatch(/\n200: 2026-11-02T10:00:20Z ERROR request 200 ok$/);
    }
  });

  it("describes the content and the variables in context()", async () => {
    const repl = makeRepl();
    await run(repl, 'n = count("WARN")');
    const { entries } = await run(repl, "context()");
    expect(entries[0]?.output).toContain(`content: ${log.length} chars, 200 lines, detected type: logs`);
    expect(entries[0]?.output).toContain("variables: n (number 16)");
  });

  it("places Python-style named arguments by parameter name and rejects unknown ones", async () => {
    const repl = makeRepl("a\nb\nc\nd\ne");
    const { entries } = await run(repl, 'head(n=2)\nlines(end=4, start=3)\ngrep(pattern="c|d", max=1)\ncount(regex="[a-c]")\nhead(k=2)\nhead(2, n=3)');
    expect(entries.map((e) => e.output)).toEqual([
      "1: a\n2: b",
      "3: c\n4: d",
      "2 matching lines, first 1:\n3: c",
      "3",
      "error: head() has no argument named k; its arguments are n",
      "error: head(): n is given twice",
    ]);
  });

  it("evaluates an expression against the variables for a final answer", async () => {
    const repl = makeRepl();
    await run(repl, 'errs = grep("ERROR")');
    expect(await repl.evaluateText('count("db", errs)')).toBe("2");
    expect(await repl.evaluateText("len(errs)")).toBe("4");
    await expect(repl.evaluateText("nope")).rejects.toThrow(/nope is not defined/);
  });

  it("ends with FINAL, answering from a literal or a variable", async () => {
    const repl = makeRepl();
    expect((await run(repl, 'FINAL("done")')).final).toBe("done");
    const out = await run(repl, 'e = grep("timeout")\nFINAL(e)');
    expect(out.final).toBe("1 matching line:\n150: 2026-11-02T10:00:30Z ERROR db timeout after 30s");
  });
});
