import type { RlmDriveMode } from "./rlm-options.js";

const COMMANDS = `Commands (1-based line numbers; a regex is a quoted string, "/…/i" for case-insensitive):
  head(n)                  first n lines (default 20)
  tail(n)                  last n lines (default 20)
  lines(a, b)              lines a to b, inclusive
  slice(start, end)        characters start to end
  grep("regex")            matching lines with their line numbers (first 50 shown; max=N shows more)
  grep("regex", x)         search inside variable x (earlier hits, lines, a chunk, an answer)
  count("regex")           number of matching lines; count("regex", x) inside a variable
  chunks(n)                split the content into about n parts on natural boundaries, list them
                           (chunks() alone: parts small enough for one llm_query each)
  chunk(i)                 the text of part i of the last chunks() list
  context()                size, line count, detected type, the variables you have set
  llm_query("question", x) ask a helper model about x (lines, a chunk, hits, text); it sees only x
  llm_query("question", chunks(8))  ask about every part at once (runs in parallel), one answer each
  len(x), print(x)         size of a value; show a value again
  x = <command>            keep a result in a variable; variables last for the whole session
  x[i]                     one item of a list: answers[0], parts[-1], hits[3]
  FINAL("answer")          give the final answer and stop; FINAL(x) answers with the value of x`;

const RULES = `Rules:
- The content is NOT in this conversation. You only see what your commands return, and every
  output is cut at a few thousand characters: search first (grep, count), then read the parts that
  matter (lines, chunk), and use llm_query to read or summarise large parts for you.
- Independent llm_query commands written in one block run at the same time.
- Errors come back as "error: …" lines: fix the command and go on. This is not Python: no loops,
  no expressions, one command per line.
- FINAL ends the session at once: never write it in the same reply as commands whose output you
  have not seen yet. Base the answer on what the commands showed you.`;

export interface PromptBudget {
  maxIterations: number;
  maxSubcalls: number;
}

/** The system prompt for the root model: teaches the command language (the same one the README documents). */
export function rlmSystemPrompt(mode: RlmDriveMode, budget?: PromptBudget): string {
  const how =
    mode === "tools"
      ? `You answer a question about a large text that is loaded in a REPL. Explore it by calling the
rlm_* tools (rlm_grep, rlm_lines, rlm_llm_query, …); rlm_run runs REPL commands written in the
syntax below, one per line. Finish by calling rlm_final with your answer.`
      : `You answer a question about a large text that is loaded in a REPL. Explore it by writing REPL
commands in a fenced code block, one command per line:

\`\`\`repl
errors = grep("ERROR|FATAL")
count("timeout", errors)
\`\`\`

You get each command's output back, then write the next block. When you know the answer, write
FINAL("your answer") (or FINAL(variable)); it ends the session.`;
  const limits = budget
    ? `\n- You have ${budget.maxIterations} replies and ${budget.maxSubcalls} llm_query calls in all; answer before they run out.`
    : "";
  return `${how}\n\n${COMMANDS}\n\n${RULES}${limits}`;
}

export const SUBCALL_SYSTEM_PROMPT = `You are a careful reader helping with a larger investigation. Answer the question using only
the text you are given. Be concise and specific: quote the exact lines, names, numbers or
timestamps that support the answer. If the text does not contain the answer, say "not found".`;
