export { RlmExecutor, DEFAULT_RLM_LIMITS, type AnalyzeOptions } from "./executor/rlm-executor.js";
export type {
  RlmDriveMode,
  RlmEvent,
  RlmExecutorOptions,
  RlmLimits,
  RlmResult,
  RlmStats,
  RlmStopReason,
  RlmSubQuery,
  RlmTraceEntry,
} from "./executor/rlm-options.js";
export { RLM_TOOL_DEFINITIONS } from "./executor/rlm-tool-definitions.js";
export { rlmSystemPrompt, type PromptBudget } from "./executor/system-prompt.js";
export { ContentIndex } from "./content/content-index.js";
export { detectContentType, type ContentType, CONTENT_TYPES } from "./content/content-type.js";
export { chunkContent, type Chunk, type ChunkOptions } from "./content/chunk-content.js";
export { Repl, type ReplEntry, type ReplOptions, type ReplRun } from "./repl/repl.js";
export type { ReplValue, GrepHit } from "./repl/repl-value.js";
export { parseCommands } from "./repl/parse-commands.js";
export type { Command, Expr, ParsedCommand } from "./repl/command-ast.js";
export { RlmCommandError } from "./errors/rlm-command-error.js";
export { RlmInputError } from "./errors/rlm-input-error.js";
export { RlmTimeoutError } from "./errors/rlm-timeout-error.js";
export { joinFiles, type NamedText } from "./content/join-files.js";
export { rlmTool, type RlmToolArgs, type RlmToolOptions } from "./integration/rlm-tool.js";
export { createRlmCondenser, type RlmCondenser, type RlmCondenserOptions } from "./integration/rlm-condenser.js";
export { readWorkspaceFiles, type ReadFilesOptions } from "./integration/read-workspace-files.js";
export { globPattern, GLOB_CHARS } from "./integration/glob-pattern.js";
export { RlmPathError } from "./errors/rlm-path-error.js";
