import type { AnyTool } from "./registry/tool-registry.js";

/**
 * Options for the built-in tool set. One object for all tools so an app passes it once; each
 * group of tools reads the fields it needs, and new groups add fields here.
 */
export interface BuiltinToolsOptions {
  /** The workspace root (tools resolve paths against each call's `ctx.root`; this is for indexes and servers). */
  root: string;
  /** Where cut outputs are saved; read_file may read there without the external_directory permission. */
  spillDir?: string;
}

/** Every built-in tool, sharing per-set state (e.g. which files were read). */
export function createBuiltinTools(options: BuiltinToolsOptions): AnyTool[] {
  void options;
  const tools: AnyTool[] = [];
  return tools;
}
