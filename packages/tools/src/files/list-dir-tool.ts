import { stat } from "node:fs/promises";
import type { Tool } from "@codetether/core";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { realPathOfNearest, resolveWorkspacePath } from "../guard/workspace-guard.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { displayPath } from "./display-path.js";
import { walkFiles } from "./walk-files.js";

export interface ListDirArgs {
  path?: string;
  depth?: number;
}

export const LIST_DIR_MAX_ENTRIES = 1000;

export function createListDirTool(): Tool<ListDirArgs> {
  return defineTool<ListDirArgs>({
    name: "list_dir",
    description:
      "List a directory as an indented tree (directories end with /). Files ignored by .gitignore and the .git " +
      `directory are left out. depth 1 lists only the directory's own entries (default 2). At most ${LIST_DIR_MAX_ENTRIES} entries.`,
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "Directory, relative to the workspace root or absolute (default: the root)." },
        depth: { type: "integer", minimum: 1, maximum: 20, description: "How many levels to descend (default 2)." },
      },
      additionalProperties: false,
    },
    async execute(args, ctx) {
      const absolute = await resolveWorkspacePath(ctx, args.path ?? ".", { toolName: "list_dir" });
      const display = displayPath(ctx, absolute);
      await requirePermission(ctx, { permission: "read", pattern: display, title: `List ${display}` }, "list_dir");
      const real = await realPathOfNearest(absolute);
      const info = await stat(real).catch(() => undefined);
      if (!info) throw new FileNotFoundError(display);
      if (!info.isDirectory()) throw new ToolInputError(`${display} is a file, not a directory; use read_file.`, { field: "path" });

      const depth = args.depth ?? 2;
      const lines: string[] = [];
      let total = 0;
      let cut = false;
      for await (const entry of walkFiles(real, { maxDepth: depth, signal: ctx.signal })) {
        total++;
        if (lines.length >= LIST_DIR_MAX_ENTRIES) {
          cut = true;
          // Counting a huge tree to the end is not worth the wait; "at least" is enough to act on.
          if (total >= LIST_DIR_MAX_ENTRIES * 10) break;
          continue;
        }
        const name = entry.rel.slice(entry.rel.lastIndexOf("/") + 1);
        const suffix = entry.isDir ? "/" : entry.isSymlink ? "@" : "";
        lines.push(`${"  ".repeat(entry.depth - 1)}${name}${suffix}`);
      }
      const header = `${display === "." ? "./" : `${display}/`}`;
      const body = lines.length === 0 ? "(empty directory)" : lines.join("\n");
      const footer = cut ? `\n\n(Showing ${LIST_DIR_MAX_ENTRIES} of ${total >= LIST_DIR_MAX_ENTRIES * 10 ? "at least " : ""}${total} entries; list a subdirectory or lower depth to see the rest.)` : "";
      return { output: `${header}\n${body}${footer}`, title: display, metadata: { path: display, entries: total, truncated: cut } };
    },
  });
}
