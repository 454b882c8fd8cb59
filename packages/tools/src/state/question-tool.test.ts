import { describe, expect, it } from "vitest";
import { allowAll, type QuestionRequest, type ToolContext } from "@codetether/core";
import { ToolRegistry } from "../registry/tool-registry.js";
import { questionTool } from "./question-tool.js";

const base: ToolContext = { root: "/", signal: new AbortController().signal, permissions: allowAll, emit: () => {} };

describe("question", () => {
  it("asks through the context's UI callback and returns the answer", async () => {
    const asked: QuestionRequest[] = [];
    const result = await questionTool.execute(
      { question: "Which database?", options: ["sqlite", "postgres"] },
      { ...base, ask: async (q) => (asked.push(q), "postgres") },
    );
    expect(asked).toEqual([{ question: "Which database?", options: ["sqlite", "postgres"] }]);
    expect(result.output).toBe("postgres");
  });

  it("fails clearly when nobody can be asked", async () => {
    const result = await new ToolRegistry([questionTool], { outputBudget: false }).execute("question", { question: "Proceed?" }, base);
    expect(result.isError).toBe(true);
    expect(result.output).toMatch(/No user is available to answer questions/);
  });
});
