import { dataDir } from "@codetether/core";
import { createApplyPatchTool } from "./files/apply-patch-tool.js";
import { FileReadTracker } from "./files/file-read-tracker.js";
import { PathLock } from "./files/path-lock.js";
import type { WriteFileFn } from "./files/commit-file-changes.js";
import { createEditTool } from "./files/edit-tool.js";
import { createGlobTool } from "./files/glob-tool.js";
import { createListDirTool } from "./files/list-dir-tool.js";
import { createMultiEditTool } from "./files/multiedit-tool.js";
import { createReadFileTool } from "./files/read-file-tool.js";
import { createWriteFileTool } from "./files/write-file-tool.js";
import { ToolRegistry, type AnyTool } from "./registry/tool-registry.js";
import { createBatchTool } from "./batch/batch-tool.js";
import { createBashTool } from "./exec/bash-tool.js";
import { createTaskTool } from "./exec/task-tool.js";
import { createLspTool } from "./lsp/lsp-tool.js";
import type { LspServersConfig } from "./lsp/lsp-server-spec.js";
import { createCodesearchTool } from "./search/codesearch-tool.js";
import { createGrepTool, type GrepToolOptions } from "./search/grep-tool.js";
import { PlanModeState } from "./state/plan-mode-state.js";
import { createPlanEnterTool, createPlanExitTool } from "./state/plan-tools.js";
import { questionTool } from "./state/question-tool.js";
import { createSkillTool } from "./state/skill-tool.js";
import { createTodoReadTool, createTodoWriteTool } from "./state/todo-tools.js";
import type { WebSearchBackendConfig } from "./web/search-backend.js";
import { createWebfetchTool } from "./web/webfetch-tool.js";
import { createWebsearchTool } from "./web/websearch-tool.js";

/**
 * Options for the built-in tool set. One object for all tools so an app passes it once; each
 * group of tools reads the fields it needs, and new groups add fields here.
 */
export interface BuiltinToolsOptions {
  /** The workspace root (tools resolve paths against each call's `ctx.root`; this is for indexes and servers). */
  root: string;
  /** Where cut outputs are saved (give the registry the same dir); read_file may read there freely. */
  spillDir?: string;
  /** Shared record of what the agent read, for refusing stale edits; one is created when absent. */
  readTracker?: FileReadTracker;
  /** How file tools write (atomic temp + rename by default). */
  writeFile?: WriteFileFn;
  /** Where todo lists are saved (`<dataDir>/todos/<session>.json`); default core's `dataDir()`. */
  dataDir?: string;
  /** The session's plan-mode switch: pass the one the agent loop reads, so plan_enter/plan_exit reach it. */
  planMode?: PlanModeState;
  /** The `websearch` backend with its key already resolved; absent → the tool answers "not configured". */
  websearch?: WebSearchBackendConfig;
  /** Language servers from config `[lsp.servers]`, besides the built-in TypeScript one. */
  lspServers?: LspServersConfig;
  /** `grep`: "auto" (rg when on PATH), false (built-in search only), or a path to rg. */
  ripgrep?: GrepToolOptions["ripgrep"];
  /** The registry `batch` dispatches through; default: a registry of this tool set. */
  registry?: () => Pick<ToolRegistry, "execute">;
  /** The environment bash/task commands start from (secrets are stripped); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The user config dir searched for skills (default core's `configDir()`). */
  userConfigDir?: string;
}

/** Every built-in tool, sharing per-set state (e.g. which files were read). */
export function createBuiltinTools(options: BuiltinToolsOptions): AnyTool[] {
  const files = {
    tracker: options.readTracker ?? new FileReadTracker(),
    locks: new PathLock(),
    ...(options.spillDir ? { spillDir: options.spillDir } : {}),
    ...(options.writeFile ? { writeFile: options.writeFile } : {}),
  };
  const tools: AnyTool[] = [
    createReadFileTool(files),
    createWriteFileTool(files),
    createListDirTool(),
    createGlobTool(),
    createEditTool(files),
    createMultiEditTool(files),
    createApplyPatchTool(files),
    createGrepTool({ ...(options.ripgrep !== undefined ? { ripgrep: options.ripgrep } : {}), ...(options.spillDir ? { spillDir: options.spillDir } : {}) }),
    createCodesearchTool(),
    createLspTool({ ...(options.lspServers ? { servers: options.lspServers } : {}) }),
    createBashTool({ ...(options.env ? { env: options.env } : {}) }),
    createTaskTool({ ...(options.env ? { env: options.env } : {}) }),
    createWebfetchTool(),
    createWebsearchTool({ ...(options.websearch ? { backend: options.websearch } : {}) }),
    createTodoReadTool({ dataDir: options.dataDir ?? dataDir() }),
    createTodoWriteTool({ dataDir: options.dataDir ?? dataDir() }),
    questionTool,
    createSkillTool({ ...(options.userConfigDir ? { userConfigDir: options.userConfigDir } : {}) }),
  ];
  const planMode = options.planMode ?? new PlanModeState();
  tools.push(createPlanEnterTool(planMode), createPlanExitTool(planMode));
  let own: ToolRegistry | undefined;
  const registry = options.registry ?? (() => (own ??= new ToolRegistry(tools, { outputBudget: options.spillDir ? { spillDir: options.spillDir } : {} })));
  tools.push(createBatchTool({ registry }));
  return tools;
}
