import { type Chunk, DEFAULT_CHUNK_CHARS, chunkContent } from "../content/chunk-content.js";
import type { ContentIndex } from "../content/content-index.js";
import type { ContentType } from "../content/content-type.js";
import { RlmCommandError } from "../errors/rlm-command-error.js";
import type { Expr, ParsedCommand } from "./command-ast.js";
import { compilePattern } from "./compile-pattern.js";
import { parseCommands } from "./parse-commands.js";
import { type GrepHit, type ReplValue, describeValue, renderValue, valueText } from "./repl-value.js";

export interface ReplOptions {
  index: ContentIndex;
  contentType: ContentType;
  /** Runs one `llm_query` sub-call; throws RlmCommandError when a limit forbids it. */
  subcall: (question: string, text: string) => Promise<string>;
  /** Cap on each command's output in the transcript (default 4,000 chars). */
  maxResultChars?: number;
  /** Grep hits shown per command unless `max=` says otherwise (default 50). */
  maxGrepHits?: number;
  /** Chunk size for `chunks()` without a count (default 20,000 chars). */
  defaultChunkChars?: number;
  /** Cap on a final answer taken from a variable (default 50,000 chars). */
  maxAnswerChars?: number;
  /** What one sub-call is given at most; longer texts are cut, and the output says so (default: no cap). */
  maxSubcallChars?: number;
}

export interface ReplEntry {
  source: string;
  output: string;
  isError: boolean;
}

export interface ReplRun {
  entries: ReplEntry[];
  /** Set when a command called FINAL(...). */
  final?: string;
}

/** Hits kept in a variable, so `grep("x", hits)` can refine beyond what was shown. */
const STORED_HITS = 10_000;
const HIT_LINE_CHARS = 400;

type Slot = ReplValue | Promise<ReplValue>;
type Outcome = { value: ReplValue } | { final: string };

/** The command names the REPL knows. */
export const REPL_COMMANDS: ReadonlySet<string> = new Set([
  "head", "tail", "lines", "slice", "grep", "count", "chunks", "chunk", "context", "llm_query", "len", "print", "show", "FINAL", "FINAL_VAR",
]);

const FUNCTIONS =
  "head(n) tail(n) lines(a, b) slice(start, end) grep(pattern, source?, max=N) count(pattern, source?) chunks(n?) chunk(i) context() llm_query(question, source?) len(x) print(x) FINAL(answer)";

/**
 * The REPL the model drives. Commands in one block start in order, each seeing the variables as
 * they were when it started; a command waits only for the variables it reads, so independent
 * `llm_query` sub-calls in one block run concurrently. Every failure becomes an `error:` entry.
 */
export class Repl {
  private readonly vars = new Map<string, Slot>();
  private readonly chunkCache = new Map<number, Chunk[]>();
  private lastChunks?: Chunk[];
  private readonly maxResultChars: number;
  private readonly maxGrepHits: number;
  private readonly defaultChunkChars: number;
  private readonly maxAnswerChars: number;
  /** Warnings shown under a value's output (never part of the value itself, nor of a FINAL answer). */
  private readonly notes = new WeakMap<ReplValue, string>();

  constructor(private readonly options: ReplOptions) {
    this.maxResultChars = options.maxResultChars ?? 4_000;
    this.maxGrepHits = options.maxGrepHits ?? 50;
    this.defaultChunkChars = options.defaultChunkChars ?? DEFAULT_CHUNK_CHARS;
    this.maxAnswerChars = options.maxAnswerChars ?? 50_000;
  }

  /** Names and short descriptions of the variables defined so far. */
  variables(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, slot] of this.vars) if (!(slot instanceof Promise)) out[name] = describeValue(slot);
    return out;
  }

  /** The value of a variable, once settled. */
  variable(name: string): ReplValue | undefined {
    const slot = this.vars.get(name);
    return slot instanceof Promise ? undefined : slot;
  }

  /**
   * Evaluates one expression (`count("ERROR")`, `len(errs)`) against the variables set so far,
   * as the text a final answer would show. Throws RlmCommandError when it does not parse or fails.
   */
  async evaluateText(source: string): Promise<string> {
    const parsed = parseCommands(source);
    const first = parsed[0];
    if (parsed.length !== 1 || !first) throw new RlmCommandError(`not one expression: ${source}`);
    if (!first.ok) throw new RlmCommandError(first.error);
    if (first.command.assign !== undefined) throw new RlmCommandError(`an assignment is not a value: ${source}`);
    const value = await this.evaluate(first.command.expr, new Map(this.vars));
    return value.kind === "text" ? value.text : renderValue(value);
  }

  async run(parsed: ParsedCommand[]): Promise<ReplRun> {
    const tasks: Promise<ReplEntry & { final?: string }>[] = [];
    for (const item of parsed) {
      if (!item.ok) {
        tasks.push(Promise.resolve({ source: item.source, output: `error: ${item.error}`, isError: true }));
        continue;
      }
      const { command } = item;
      const env = new Map(this.vars);
      const outcome = this.statement(command.expr, env);
      if (command.assign !== undefined) {
        const name = command.assign;
        const value = outcome.then((o) => {
          if ("final" in o) throw new RlmCommandError("FINAL(...) cannot be assigned");
          return o.value;
        });
        value.catch(() => undefined); // read (and reported) through `outcome`; never unhandled
        this.vars.set(name, value);
      }
      tasks.push(
        outcome.then(
          (o) =>
            "final" in o
              ? { source: command.source, output: "(final answer given)", isError: false, final: o.final }
              : {
                  source: command.source,
                  output: command.assign !== undefined ? `${command.assign} = ${this.display(o.value)}` : this.display(o.value),
                  isError: false,
                },
          (error: unknown) => ({ source: command.source, output: `error: ${messageOf(error)}`, isError: true }),
        ),
      );
    }
    const entries = await Promise.all(tasks);
    await this.settle();
    const final = entries.find((e) => e.final !== undefined)?.final;
    return {
      entries: entries.map(({ source, output, isError }) => ({ source, output, isError })),
      ...(final !== undefined ? { final } : {}),
    };
  }

  /** Replaces finished promises by their values; a failed assignment leaves the variable unset. */
  private async settle(): Promise<void> {
    for (const [name, slot] of this.vars) {
      if (!(slot instanceof Promise)) continue;
      try {
        this.vars.set(name, await slot);
      } catch {
        this.vars.delete(name);
      }
    }
  }

  /** Caps a value's rendering before it can reach a prompt, saying how much was cut. */
  private display(value: ReplValue): string {
    const max = this.maxResultChars;
    let limited = value;
    // Cut big values before rendering, so numbering 100 MB of lines is never attempted.
    if ((value.kind === "text" || value.kind === "lines") && value.text.length > max) limited = { ...value, text: value.text.slice(0, max) };
    if (value.kind === "chunks" && value.chunks.length > 200) limited = { ...value, chunks: value.chunks.slice(0, 200) };
    let rendered = renderValue(limited);
    if (value.kind === "chunks" && limited !== value) rendered = rendered.replace(/^\d+ chunks:/, `${value.chunks.length} chunks, first 200:`);
    const fullSize = value.kind === "text" || value.kind === "lines" ? value.text.length : rendered.length;
    const note = this.notes.get(value);
    const shown =
      rendered.length <= max && limited === value
        ? rendered
        : `${rendered.slice(0, max)}\n… [cut at ${max} of ${fullSize}+ chars: narrow it with grep/lines, or pass it to llm_query]`;
    return note ? `${shown}\n${note}` : shown;
  }

  private noted<V extends ReplValue>(value: V, note: string | undefined): V {
    if (note) this.notes.set(value, note);
    return value;
  }

  /** Says when sub-calls saw only the start of their text, so the model does not trust a partial reading. */
  private subcallCutNote(lengths: number[]): string | undefined {
    const max = this.options.maxSubcallChars;
    if (max === undefined) return undefined;
    const cut = lengths.filter((n) => n > max);
    if (cut.length === 0) return undefined;
    if (lengths.length === 1) {
      return `[note: the text was ${cut[0]} chars; the helper read only its first ${max}. Narrow it with grep or lines, or ask over chunks() (parts that fit)]`;
    }
    return `[note: ${cut.length} of ${lengths.length} parts were longer than ${max} chars; the helper read only the start of each. For full coverage use chunks() with no count (parts that fit), or narrow with grep first]`;
  }

  private async statement(expr: Expr, env: Map<string, Slot>): Promise<Outcome> {
    if (expr.kind === "call" && (expr.name === "FINAL" || expr.name === "FINAL_VAR")) {
      if (expr.args.length !== 1) throw new RlmCommandError("FINAL takes one argument: FINAL(\"answer\") or FINAL(variable)");
      const value = await this.evaluate(expr.args[0] as Expr, env);
      const text = value.kind === "text" ? value.text : renderValue(value);
      return { final: text.length > this.maxAnswerChars ? `${text.slice(0, this.maxAnswerChars)}\n… [answer cut]` : text };
    }
    return { value: await this.evaluate(expr, env) };
  }

  private async evaluate(expr: Expr, env: Map<string, Slot>): Promise<ReplValue> {
    switch (expr.kind) {
      case "string":
        return { kind: "text", text: expr.value };
      case "number":
        return { kind: "number", value: expr.value };
      case "var": {
        const slot = env.get(expr.name);
        if (slot === undefined) {
          const known = [...env.keys()];
          throw new RlmCommandError(
            `${expr.name} is not defined${known.length ? ` (variables: ${known.join(", ")})` : " (no variables yet)"}; strings need quotes`,
          );
        }
        try {
          return await slot;
        } catch (error) {
          throw new RlmCommandError(`${expr.name} has no value: the command that set it failed (${messageOf(error)})`);
        }
      }
      case "call":
        return this.call(expr, env);
      case "index":
        return this.item(await this.evaluate(expr.target, env), expr.index);
    }
  }

  /** One item of a list value: an answer of a fan-out, a chunk, a grep hit. Negative counts from the end. */
  private item(value: ReplValue, i: number): ReplValue {
    const pick = <T>(list: T[], what: string): T => {
      const item = list[i < 0 ? list.length + i : i];
      if (item === undefined) throw new RlmCommandError(`${what} [${i}] does not exist: there are ${list.length} (0-${list.length - 1})`);
      return item;
    };
    switch (value.kind) {
      case "answers":
        return { kind: "text", text: pick(value.answers, "answer") };
      case "chunks": {
        const c = pick(value.chunks, "chunk");
        return { kind: "lines", firstLine: c.startLine, text: c.text };
      }
      case "hits": {
        const h = pick(value.hits, "hit");
        return { kind: "lines", firstLine: h.line, text: h.text };
      }
      default:
        throw new RlmCommandError(`a ${value.kind} value has no items; subscripts work on fan-out answers, chunks() lists and grep hits`);
    }
  }

  private async call(expr: Extract<Expr, { kind: "call" }>, env: Map<string, Slot>): Promise<ReplValue> {
    const args: ReplValue[] = [];
    for (const a of expr.args) args.push(await this.evaluate(a, env));
    const named: Record<string, ReplValue> = {};
    for (const [k, a] of Object.entries(expr.named)) named[k] = await this.evaluate(a, env);
    placeNamedArguments(expr.name, args, named);
    const { index } = this.options;
    const name = expr.name;
    const num = (i: number, label: string, fallback?: number): number => {
      const v = args[i];
      if (v === undefined) {
        if (fallback !== undefined) return fallback;
        throw new RlmCommandError(`${name}() needs ${label} (a number)`);
      }
      if (v.kind !== "number") throw new RlmCommandError(`${name}(): ${label} must be a number`);
      return Math.trunc(v.value);
    };
    const str = (i: number, label: string): string => {
      const v = args[i];
      if (v === undefined) throw new RlmCommandError(`${name}() needs ${label} (a quoted string)`);
      if (v.kind !== "text") throw new RlmCommandError(`${name}(): ${label} must be a quoted string`);
      return v.text;
    };
    const arity = (min: number, max: number) => {
      if (args.length < min || args.length > max)
        throw new RlmCommandError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? "" : "s"}, got ${args.length}`);
    };
    switch (name) {
      case "head": {
        arity(0, 1);
        const n = Math.max(0, num(0, "n", 20));
        return { kind: "lines", firstLine: 1, text: index.range(0, n - 1) };
      }
      case "tail": {
        arity(0, 1);
        const n = Math.max(0, num(0, "n", 20));
        const from = Math.max(0, index.lineCount - n);
        return { kind: "lines", firstLine: from + 1, text: n === 0 ? "" : index.range(from, index.lineCount - 1) };
      }
      case "lines": {
        arity(1, 2);
        // As in Python, a negative number counts from the end: lines(-10, -1) is the last ten lines.
        const fromEnd = (n: number) => (n < 0 ? index.lineCount + n + 1 : n);
        const a = Math.max(1, fromEnd(num(0, "the first line")));
        const b = args[1] === undefined ? a + 49 : fromEnd(num(1, "the last line"));
        if (a > index.lineCount) throw new RlmCommandError(`line ${a} is past the end (the content has ${index.lineCount} lines)`);
        if (b < a) throw new RlmCommandError(`lines(${a}, ${b}): the last line comes before the first`);
        return { kind: "lines", firstLine: a, text: index.range(a - 1, b - 1) };
      }
      case "slice": {
        arity(1, 2);
        // Negative offsets count from the end, as in Python: slice(-2000) is the last 2,000 characters.
        const fromEnd = (n: number) => (n < 0 ? Math.max(0, index.size + n) : n);
        const start = fromEnd(num(0, "the start offset"));
        const end = Math.min(index.size, args[1] === undefined ? start + 2_000 : fromEnd(num(1, "the end offset")));
        return { kind: "text", text: index.text.slice(start, Math.max(start, end)) };
      }
      case "grep":
      case "count": {
        arity(1, 2);
        const pattern = str(0, "a pattern");
        const regex = compilePattern(pattern);
        const source = args[1];
        const max = named.max ?? named.limit;
        const show = max === undefined ? this.maxGrepHits : max.kind === "number" ? Math.max(0, Math.trunc(max.value)) : this.maxGrepHits;
        const { hits, total } = source === undefined ? grepIndex(index, regex) : grepValue(source, regex);
        if (name === "count") return { kind: "number", value: total };
        return { kind: "hits", pattern, hits, total, show };
      }
      case "chunks": {
        arity(0, 1);
        const n = args[0] === undefined ? undefined : Math.max(1, num(0, "the number of chunks"));
        const maxChars = n === undefined ? this.defaultChunkChars : Math.max(200, Math.ceil(index.size / n));
        this.lastChunks = n === undefined ? this.chunksOf(maxChars) : foldSmallTail(this.chunksOf(maxChars), n, maxChars, index);
        const cap = this.options.maxSubcallChars;
        const over = cap === undefined ? 0 : this.lastChunks.filter((c) => c.end - c.start > cap).length;
        return this.noted(
          { kind: "chunks", chunks: this.lastChunks },
          over > 0 ? `[note: ${over} parts are longer than ${cap} chars, which is all llm_query reads of one part; chunks() with no count gives parts that fit]` : undefined,
        );
      }
      case "chunk": {
        arity(1, 1);
        const list = this.lastChunks ?? this.chunksOf(this.defaultChunkChars);
        const i = num(0, "the chunk index");
        const c = list[i < 0 ? list.length + i : i]; // chunk(-1): the last part
        if (!c) {
          throw new RlmCommandError(
            list.length === 0 ? `chunk ${i} does not exist: the content is empty` : `chunk ${i} does not exist: there are ${list.length} chunks (0-${list.length - 1})`,
          );
        }
        return { kind: "lines", firstLine: c.startLine, text: c.text };
      }
      case "context": {
        arity(0, 0);
        return { kind: "text", text: this.describeContext() };
      }
      case "llm_query": {
        arity(1, 2);
        const question = str(0, "a question");
        const source = args[1];
        if (source?.kind === "chunks") {
          // One sub-call per chunk, all started at once; the executor bounds how many run together.
          const answers = await Promise.all(
            source.chunks.map((c) => this.options.subcall(question, c.text).catch((e: unknown) => `(error: ${messageOf(e)})`)),
          );
          return this.noted({ kind: "answers", question, answers }, this.subcallCutNote(source.chunks.map((c) => c.text.length)));
        }
        const text = source === undefined ? "" : valueText(source);
        const answer = await this.options.subcall(question, text);
        return this.noted({ kind: "text", text: answer }, this.subcallCutNote([text.length]));
      }
      case "len": {
        arity(1, 1);
        const v = args[0] as ReplValue;
        const n =
          v.kind === "hits" ? v.total : v.kind === "chunks" ? v.chunks.length : v.kind === "answers" ? v.answers.length : valueText(v).length;
        return { kind: "number", value: n };
      }
      case "print":
      case "show": {
        arity(1, 1);
        return args[0] as ReplValue;
      }
      default:
        throw new RlmCommandError(`unknown command ${name}(); the commands are: ${FUNCTIONS}`);
    }
  }

  private chunksOf(maxChars: number): Chunk[] {
    let list = this.chunkCache.get(maxChars);
    if (!list) {
      list = chunkContent(this.options.index, { maxChars, type: this.options.contentType });
      this.chunkCache.set(maxChars, list);
    }
    return list;
  }

  /** The first parts of the default `chunks()` list, one line each: a table of contents. */
  outline(limit: number): string {
    const list = this.chunksOf(this.defaultChunkChars);
    const shown = list.slice(0, limit).map((c) => `[${c.index}] lines ${c.startLine}-${c.endLine}: ${c.label}`);
    if (list.length > limit) shown.push(`… ${list.length - limit} more parts (chunks() lists them)`);
    return shown.join("\n");
  }

  /** What `context()` prints, and the model's first view of the content. */
  describeContext(): string {
    const { index, contentType } = this.options;
    const vars = Object.entries(this.variables());
    return [
      `content: ${index.size} chars, ${index.lineCount} lines, detected type: ${contentType}`,
      `chunks(): about ${Math.max(1, Math.ceil(index.size / this.defaultChunkChars))} chunks of up to ${this.defaultChunkChars} chars`,
      vars.length ? `variables: ${vars.map(([k, v]) => `${k} (${v})`).join("; ")}` : "variables: none yet",
    ].join("\n");
  }
}

/**
 * Parameter names per command, with the spellings models trained on Python tend to use. A named
 * argument (`head(n=5)`, `grep(pattern="x")`) takes its parameter's position, so it is never
 * silently ignored.
 */
const PARAMETERS: Record<string, string[][]> = {
  head: [["n"]],
  tail: [["n"]],
  lines: [["a", "start", "first", "from_line"], ["b", "end", "last", "to_line"]],
  slice: [["start", "begin"], ["end", "stop"]],
  grep: [["pattern", "regex", "query"], ["source", "x", "text", "context", "var", "within"]],
  count: [["pattern", "regex", "query"], ["source", "x", "text", "context", "var", "within"]],
  chunks: [["n", "count", "parts"]],
  chunk: [["i", "index", "n"]],
  llm_query: [["question", "prompt", "query", "q"], ["source", "x", "text", "context", "slice", "chunk", "data", "content"]],
  len: [["x", "value"]],
  print: [["x", "value"]],
  show: [["x", "value"]],
};
/** Named options that are not positions. */
const OPTIONS: Record<string, string[]> = { grep: ["max", "limit"] };

function placeNamedArguments(name: string, args: ReplValue[], named: Record<string, ReplValue>): void {
  const params = PARAMETERS[name];
  if (!params) return;
  const placed: [number, string, ReplValue][] = [];
  for (const [key, value] of Object.entries(named)) {
    if (OPTIONS[name]?.includes(key)) continue;
    const at = params.findIndex((aliases) => aliases.includes(key));
    if (at === -1) {
      const accepted = [...params.map((p) => p[0] as string), ...(OPTIONS[name] ?? [])];
      throw new RlmCommandError(`${name}() has no argument named ${key}; its arguments are ${accepted.join(", ")}`);
    }
    placed.push([at, key, value]);
  }
  for (const [at, key, value] of placed.sort((a, b) => a[0] - b[0])) {
    const param = params[at]?.[0] as string;
    if (args[at] !== undefined) throw new RlmCommandError(`${name}(): ${param} is given twice`);
    if (at > args.length) throw new RlmCommandError(`${name}(): give ${params[args.length]?.[0]} before ${param}`);
    args[at] = value;
    delete named[key];
  }
}

/**
 * Cutting on boundaries leaves each part a little under size/n, so the rest can spill into one
 * more, tiny, part: chunks(4) would give 5 and fan a question out to a sliver. A small last part
 * joins the one before it instead.
 */
function foldSmallTail(list: Chunk[], n: number, maxChars: number, index: ContentIndex): Chunk[] {
  const last = list[list.length - 1];
  const before = list[list.length - 2];
  if (list.length <= n || !last || !before || last.end - last.start > maxChars / 4) return list;
  const merged: Chunk = { ...before, endLine: last.endLine, end: last.end, text: index.text.slice(before.start, last.end) };
  return [...list.slice(0, -2), merged];
}

function clipLine(text: string): string {
  return text.length > HIT_LINE_CHARS ? `${text.slice(0, HIT_LINE_CHARS)}…` : text;
}

/** One hit per matching line, scanning the content in place; counts every hit, keeps the first ones. */
function grepIndex(index: ContentIndex, regex: RegExp): { hits: GrepHit[]; total: number } {
  const hits: GrepHit[] = [];
  let total = 0;
  const text = index.text;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    // An empty match past a final newline (or in empty content) is not on any line.
    if (m.index >= text.length && (text.length === 0 || text.endsWith("\n"))) break;
    const line = index.lineAt(m.index);
    total++;
    if (hits.length < STORED_HITS) hits.push({ line: line + 1, text: clipLine(index.line(line)) });
    const next = index.lineEnd(line) + 1;
    if (next >= text.length) break;
    regex.lastIndex = next; // the rest of this line cannot add a hit
  }
  return { hits, total };
}

/** Grep inside a variable: grep hits keep their original line numbers, text is searched by its own lines. */
function grepValue(source: ReplValue, regex: RegExp): { hits: GrepHit[]; total: number } {
  const test = (s: string) => {
    regex.lastIndex = 0;
    return regex.test(s);
  };
  if (source.kind === "hits") {
    const hits = source.hits.filter((h) => test(h.text));
    return { hits, total: hits.length };
  }
  const lines = source.kind === "lines" ? source.text.split("\n") : valueText(source).split("\n");
  const first = source.kind === "lines" ? source.firstLine : 1;
  const hits: GrepHit[] = [];
  lines.forEach((l, i) => {
    if (test(l)) hits.push({ line: first + i, text: clipLine(l) });
  });
  return { hits: hits.slice(0, STORED_HITS), total: hits.length };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
