import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { QuestionUnavailableError } from "./question-unavailable-error.js";

export interface QuestionArgs {
  question: string;
  options?: string[];
}

/** `question`: asks the user through the context's UI callback and returns the answer. */
export const questionTool: Tool<QuestionArgs> = {
  name: "question",
  description: "Ask the user a question and wait for the answer; offer options when the choices are known.",
  readOnly: true,
  parameters: {
    type: "object",
    properties: {
      question: { type: "string", minLength: 1 },
      options: { type: "array", items: { type: "string" }, description: "Suggested answers." },
    },
    required: ["question"],
    additionalProperties: false,
  },
  async execute(args: QuestionArgs, ctx: ToolContext): Promise<ToolResult> {
    if (!ctx.ask) throw new QuestionUnavailableError();
    const answer = await ctx.ask({ question: args.question, ...(args.options?.length ? { options: args.options } : {}) });
    return { output: answer, title: args.question, metadata: { answer } };
  },
};
