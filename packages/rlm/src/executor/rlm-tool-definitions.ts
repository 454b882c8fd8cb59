import type { ToolDefinition } from "@codetether/core";
import type { Command, Expr, ParsedCommand } from "../repl/command-ast.js";
import { RlmCommandError } from "../errors/rlm-command-error.js";
import { parseCommands } from "../repl/parse-commands.js";

const saveAs = { save_as: { type: "string", description: "Keep the result in this variable for later commands." } };
const source = {
  source: {
    type: "string",
    description: 'What to search or read: a variable name, or a REPL expression such as "chunk(3)", "lines(10, 80)" or "chunks(8)".',
  },
};

const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
  additionalProperties: false,
});

/** The structured-tool drive mode: one tool per REPL command, all running in the same REPL. */
export const RLM_TOOL_DEFINITIONS: ToolDefinition[] = [
  { name: "rlm_context", description: "Size, line count and detected type of the content, and the variables set so far.", parameters: obj({}) },
  { name: "rlm_head", description: "The first n lines (default 20), numbered.", parameters: obj({ n: { type: "integer" }, ...saveAs }) },
  { name: "rlm_tail", description: "The last n lines (default 20), numbered.", parameters: obj({ n: { type: "integer" }, ...saveAs }) },
  {
    name: "rlm_lines",
    description: "Lines start to end (1-based, inclusive), numbered.",
    parameters: obj({ start: { type: "integer" }, end: { type: "integer" }, ...saveAs }, ["start"]),
  },
  {
    name: "rlm_slice",
    description: "Characters start to end of the content.",
    parameters: obj({ start: { type: "integer" }, end: { type: "integer" }, ...saveAs }, ["start"]),
  },
  {
    name: "rlm_grep",
    description: 'Lines matching a regular expression ("/…/i" for case-insensitive), with line numbers.',
    parameters: obj({ pattern: { type: "string" }, ...source, max: { type: "integer", description: "Hits to show (default 50)." }, ...saveAs }, [
      "pattern",
    ]),
  },
  {
    name: "rlm_count",
    description: "The number of lines matching a regular expression.",
    parameters: obj({ pattern: { type: "string" }, ...source, ...saveAs }, ["pattern"]),
  },
  {
    name: "rlm_chunks",
    description: "Split the content into about n parts on natural boundaries (definitions, log entries, turns, headings) and list them.",
    parameters: obj({ n: { type: "integer" }, ...saveAs }),
  },
  { name: "rlm_chunk", description: "The text of part i of the last chunk list.", parameters: obj({ index: { type: "integer" }, ...saveAs }, ["index"]) },
  {
    name: "rlm_llm_query",
    description: "Ask a helper model a question about a part of the content (source). With chunks(n) as source, every part is asked at once.",
    parameters: obj({ question: { type: "string" }, ...source, ...saveAs }, ["question"]),
  },
  {
    name: "rlm_run",
    description: "Run REPL commands, one per line (e.g. x = grep(\"ERROR\") then count(\"db\", x)).",
    parameters: obj({ code: { type: "string" } }, ["code"]),
  },
  {
    name: "rlm_final",
    description: "Give the final answer and stop. Pass answer (text) or variable (the name of a variable holding it).",
    parameters: obj({ answer: { type: "string" }, variable: { type: "string" } }),
  },
];

const str = (value: string): Expr => ({ kind: "string", value });
const num = (value: number): Expr => ({ kind: "number", value });
const call = (name: string, args: Expr[], named: Record<string, Expr> = {}): Expr => ({ kind: "call", name, args, named });

function sourceExpr(text: unknown): Expr | undefined {
  if (typeof text !== "string" || text.trim() === "") return undefined;
  const parsed = parseCommands(text);
  const first = parsed[0];
  if (parsed.length !== 1 || !first?.ok || first.command.assign !== undefined) {
    throw new RlmCommandError(`source must be a variable name or one expression such as chunk(3), got ${JSON.stringify(text)}`);
  }
  return first.command.expr;
}

/**
 * Turns one structured tool call into REPL commands. Arguments arrive as the model's raw JSON;
 * anything malformed comes back as a parse failure (an error for the model), never a throw.
 */
export function toolCallToCommands(name: string, rawArguments: string): ParsedCommand[] {
  const source = `${name}(${rawArguments})`;
  let args: Record<string, unknown>;
  try {
    const parsed: unknown = rawArguments.trim() === "" ? {} : JSON.parse(rawArguments);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new RlmCommandError("arguments must be a JSON object");
    args = parsed as Record<string, unknown>;
  } catch (error) {
    return [{ ok: false, source, error: `bad arguments for ${name}: ${(error as Error).message}` }];
  }
  const n = (key: string): Expr[] => (typeof args[key] === "number" ? [num(args[key] as number)] : []);
  const s = (key: string): string => {
    const v = args[key];
    if (typeof v !== "string") throw new RlmCommandError(`${name} needs "${key}" (a string)`);
    return v;
  };
  try {
    if (name === "rlm_run") return parseCommands(s("code"));
    let expr: Expr;
    switch (name) {
      case "rlm_context":
        expr = call("context", []);
        break;
      case "rlm_head":
      case "rlm_tail":
      case "rlm_chunks":
        expr = call(name.slice(4), n("n"));
        break;
      case "rlm_lines":
      case "rlm_slice":
        expr = call(name.slice(4), [...n("start"), ...n("end")]);
        break;
      case "rlm_chunk":
        expr = call("chunk", n("index"));
        break;
      case "rlm_grep":
      case "rlm_count": {
        const src = sourceExpr(args.source);
        expr = call(name.slice(4), [str(s("pattern")), ...(src ? [src] : [])], typeof args.max === "number" ? { max: num(args.max) } : {});
        break;
      }
      case "rlm_llm_query": {
        const src = sourceExpr(args.source);
        expr = call("llm_query", [str(s("question")), ...(src ? [src] : [])]);
        break;
      }
      case "rlm_final": {
        if (typeof args.variable === "string" && args.variable !== "") expr = call("FINAL", [{ kind: "var", name: args.variable }]);
        else expr = call("FINAL", [str(s("answer"))]);
        break;
      }
      default:
        return [{ ok: false, source, error: `unknown tool ${name}; use one of ${RLM_TOOL_DEFINITIONS.map((d) => d.name).join(", ")}` }];
    }
    const command: Command = { expr, source };
    if (typeof args.save_as === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(args.save_as)) command.assign = args.save_as;
    return [{ ok: true, command }];
  } catch (error) {
    return [{ ok: false, source, error: (error as Error).message }];
  }
}
