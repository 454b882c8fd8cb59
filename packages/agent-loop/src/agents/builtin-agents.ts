import type { AgentDefinition } from "./agent-definition.js";

const BUILD_PROMPT = `You are CodeTether, an AI coding agent working in the user's repository through tools.
Understand the request, inspect the relevant code before changing it, make focused edits, and verify
them (run the tests or the build when there are any). Prefer small, correct changes over large ones.
When you are done, answer with a short summary of what you changed and how you checked it.`;

const PLAN_PROMPT = `You are CodeTether in planning mode. You may only read: explore the code with the read-only
tools and produce a concrete, numbered plan (files to touch, changes, how to verify). Do not attempt
to edit files or run commands that change anything.`;

const EXPLORE_PROMPT = `You are a fast code explorer working for another agent. Search and read the code to answer
the question you are given, then reply with a concise answer: the relevant files, symbols and line
numbers, and what they do. Do not speculate beyond what you read.`;

/** Search tools the `explore` agent gets (those the registry has). */
export const EXPLORE_TOOLS = ["read_file", "list_dir", "glob", "grep", "codesearch", "lsp"];

/** The built-in agents: `build` (all tools), `plan` (read-only), `explore` (search, for sub-agents). */
export const builtinAgents: Readonly<Record<"build" | "plan" | "explore", AgentDefinition>> = Object.freeze({
  build: {
    name: "build",
    description: "Does the work: reads, edits, runs commands (all tools).",
    prompt: BUILD_PROMPT,
    tools: "all",
    maxSteps: 100,
    mode: "primary",
    source: "builtin",
  },
  plan: {
    name: "plan",
    description: "Explores and plans without changing anything (read-only tools).",
    prompt: PLAN_PROMPT,
    tools: "read-only",
    maxSteps: 50,
    mode: "primary",
    source: "builtin",
  },
  explore: {
    name: "explore",
    description: "Searches the code base and reports what it found (search tools); meant as a sub-agent.",
    prompt: EXPLORE_PROMPT,
    tools: EXPLORE_TOOLS,
    maxSteps: 20,
    mode: "subagent",
    source: "builtin",
  },
});
