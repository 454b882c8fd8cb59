import type { ParsedCommand } from "./command-ast.js";
import { parseCommands } from "./parse-commands.js";
import { REPL_COMMANDS } from "./repl.js";

/**
 * What a FINAL(...) in a reply asks for: a literal answer, the value of a variable, the value of
 * a REPL expression (`FINAL(count("ERROR"))`), or an f-string whose `{…}` parts are REPL values.
 */
export type FinalSpec =
  | { kind: "text"; value: string }
  | { kind: "var"; name: string }
  | { kind: "expr"; source: string }
  | { kind: "template"; value: string };

export interface ExtractedReply {
  /** The source of each REPL code block, in order, with any FINAL(...) taken out. */
  blocks: string[];
  final?: FinalSpec;
  /** The reply's prose outside code blocks (what the model said, for partial answers). */
  prose: string;
}

// Every fenced block is matched (so a ```bash block's closing fence is never mistaken for an
// opening one); only ```repl, ```python/```py (what models trained on RLM-style prompts tend to
// write) and unlabelled blocks are run.
const FENCE = /```([^\n`]*)\n([\s\S]*?)```/g;
const RUNNABLE = new Set(["", "repl", "python", "py"]);
// Not inside a string that begins with it: grep("FINAL(") searches for the word.
const FINAL_START = /(?<!["'])\bFINAL(?:_VAR)?\s*\(/g;

/** What follows a quote inside prose: punctuation, then a word or another quote. */
const LITERAL_QUOTE_FOLLOWER = /^[,.;:!?]?\s?[\p{L}\p{N}"'’(-]/u;

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", '"': '"', "'": "'" };

function decodeEscapes(raw: string): string {
  return raw.replace(/\\(.)/gs, (all, next: string) => ESCAPES[next] ?? all);
}

/**
 * Finds the first FINAL(...) in a reply, inside a code block or not. Lenient on purpose: the
 * answer is the model's last word, so a string may span lines, and an unquoted argument that is
 * not a variable name is taken as the answer text.
 */
export function findFinal(text: string): { spec: FinalSpec; start: number; end: number } | undefined {
  FINAL_START.lastIndex = 0;
  for (let m = FINAL_START.exec(text); m !== null; m = FINAL_START.exec(text)) {
    let i = m.index + m[0].length;
    while (text[i] === " " || text[i] === "\n" || text[i] === "\t") i++;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const triple = text.startsWith(quote.repeat(3), i);
      const close = triple ? quote.repeat(3) : quote;
      const body = i + close.length;
      // The string ends at the first closing quote followed by ")". Quotes before it are ones the
      // model forgot to escape (FINAL("the "disk full" error")) and stay in the answer, unless
      // the string then spans lines and a quote is followed by code rather than prose
      // (FINAL("total: " + n) and a later grep("x") on another line): that FINAL is malformed.
      let end = -1;
      let paren = -1;
      let innerQuotes = 0;
      let innerProse = true;
      for (let j = body; j < text.length; ) {
        if (text[j] === "\\") {
          j += 2;
          continue;
        }
        if (!text.startsWith(close, j)) {
          j++;
          continue;
        }
        let k = j + close.length;
        while (text[k] === " " || text[k] === "\n" || text[k] === "\t") k++;
        if (text[k] === ")") {
          end = j;
          paren = k;
          break;
        }
        innerQuotes++;
        if (!LITERAL_QUOTE_FOLLOWER.test(text.slice(j + close.length, j + close.length + 3))) innerProse = false;
        j += close.length;
      }
      if (end === -1) continue;
      if (innerQuotes > 0 && !innerProse && text.slice(body, end).includes("\n")) continue;
      return { spec: { kind: "text", value: decodeEscapes(text.slice(body, end)) }, start: m.index, end: paren + 1 };
    }
    // Unquoted: up to the matching parenthesis.
    let depth = 1;
    let j = i;
    for (; j < text.length && depth > 0; j++) {
      if (text[j] === "(") depth++;
      else if (text[j] === ")") depth--;
    }
    if (depth !== 0) continue;
    const inner = text.slice(i, j - 1).trim();
    if (inner === "") continue;
    const template = /^[fF]("""|'''|"|')([\s\S]*)\1$/.exec(inner);
    const call = /^([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(inner);
    const spec: FinalSpec = /^[A-Za-z_][A-Za-z0-9_]*$/.test(inner)
      ? { kind: "var", name: inner }
      : template
        ? { kind: "template", value: template[2] as string }
        : (call && REPL_COMMANDS.has(call[1] as string) && inner.endsWith(")")) || /^[A-Za-z_][A-Za-z0-9_]*(\[-?\d+\])+$/.test(inner)
          ? { kind: "expr", source: inner }
          : { kind: "text", value: inner };
    return { spec, start: m.index, end: j };
  }
  return undefined;
}

/**
 * A reply without fences that consists only of REPL commands (weaker models often forget the
 * fence) is run as a block; any line that is not a known command means it was prose after all.
 */
export function bareCommands(text: string, known: ReadonlySet<string>): ParsedCommand[] {
  if (text.includes("```")) return [];
  const parsed = parseCommands(text);
  // A lone word parses as a variable and a quoted line as a string: only calls count as commands.
  const allCommands = parsed.every((p) => p.ok && p.command.expr.kind === "call" && known.has(p.command.expr.name));
  return parsed.length > 0 && allCommands ? parsed : [];
}

/** Splits a text-mode reply into REPL code blocks, the FINAL(...) if any, and the prose around them. */
export function extractReply(text: string): ExtractedReply {
  const found = findFinal(text);
  let withoutFinal = found ? text.slice(0, found.start) + text.slice(found.end) : text;
  // A reply cut off by the output limit leaves its last block open: close it so it still runs.
  if ((withoutFinal.match(/```/g)?.length ?? 0) % 2 === 1) withoutFinal += "\n```";
  const blocks: string[] = [];
  let prose = "";
  let last = 0;
  FENCE.lastIndex = 0;
  for (let m = FENCE.exec(withoutFinal); m !== null; m = FENCE.exec(withoutFinal)) {
    prose += withoutFinal.slice(last, m.index);
    last = m.index + m[0].length;
    const body = (m[2] as string).trim();
    if (RUNNABLE.has((m[1] as string).trim().toLowerCase()) && body !== "") blocks.push(body);
  }
  prose += withoutFinal.slice(last);
  return { blocks, ...(found ? { final: found.spec } : {}), prose: prose.trim() };
}
