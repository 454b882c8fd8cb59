import type { QuestionRequest } from "@codetether/core";
import { askOnTerminal } from "./ask-on-terminal.js";

/**
 * The `question` tool's answers from the person at the terminal. Options are numbered; a number
 * picks one, anything else is the answer as typed.
 */
export function ttyQuestionPrompt(input: NodeJS.ReadStream, output: NodeJS.WriteStream): (request: QuestionRequest) => Promise<string> {
  return async (request) => {
    const options = request.options ?? [];
    const listed = options.map((option, i) => `  [${i + 1}] ${option}`).join("\n");
    const answer = (await askOnTerminal(input, output, `\n? ${request.question}\n${listed ? `${listed}\n` : ""}> `)).trim();
    const picked = /^\d+$/.test(answer) ? options[Number(answer) - 1] : undefined;
    return picked ?? (answer || "(no answer)");
  };
}
