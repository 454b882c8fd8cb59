import { FileReadTracker } from "./files/file-read-tracker.js";
import type { WriteFileFn } from "./files/commit-file-changes.js";
import { createEditTool } from "./files/edit-tool.js";
import { createGlobTool } from "./files/glob-tool.js";
import { createListDirTool } from "./files/list-dir-tool.js";
import { createMultiEditTool } from "./files/multiedit-tool.js";
import { createReadFileTool } from "./files/read-file-tool.js";
import { createWriteFileTool } from "./files/write-file-tool.js";
import type { AnyTool } from "./registry/tool-registry.js";

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
}

/** Every built-in tool, sharing per-set state (e.g. which files were read). */
export function createBuiltinTools(options: BuiltinToolsOptions): AnyTool[] {
  const files = {
    tracker: options.readTracker ?? new FileReadTracker(),
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
  ];
  return tools;
}
