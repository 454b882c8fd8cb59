import type { Tool } from "@codetether/core";
import { BinaryFileError } from "../errors/binary-file-error.js";
import { realPathOfNearest, resolveWorkspacePath } from "../guard/workspace-guard.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { commitFileChanges } from "./commit-file-changes.js";
import { displayPath } from "./display-path.js";
import { trackerOf, withFileLocks, type FileToolOptions } from "./file-tool-options.js";
import { loadEditTarget } from "./load-edit-target.js";
import { encodeText, normalizeNewlines } from "./text-format.js";
import { diffStats, unifiedDiff } from "./unified-diff.js";

export interface WriteFileArgs {
  path: string;
  content: string;
}

export function createWriteFileTool(options: FileToolOptions = {}): Tool<WriteFileArgs> {
  return defineTool<WriteFileArgs>({
    name: "write_file",
    description:
      "Create a file or replace its whole content. Parent directories are created; the write is atomic. " +
      "An existing file keeps its line endings (CRLF stays CRLF). Prefer edit for changing part of a file.",
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "File path, relative to the workspace root or absolute." },
        content: { type: "string", description: "The complete new content of the file." },
      },
      required: ["path", "content"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      return withFileLocks(options, ctx, [args.path], async () => {
        const tracker = trackerOf(options);
        let target;
        try {
          target = await loadEditTarget(ctx, args.path, "write_file");
        } catch (error) {
          // Replacing a binary file with text is a legitimate write; only reading it as text is not.
          if (!(error instanceof BinaryFileError)) throw error;
          const absolute = await resolveWorkspacePath(ctx, args.path, { toolName: "write_file" });
          target = { absolute, real: await realPathOfNearest(absolute), display: displayPath(ctx, absolute), exists: true, raw: null, text: "", format: { eol: "\n" as const, bom: false } };
        }
        await requirePermission(ctx, { permission: "edit", pattern: target.display, title: `Write ${target.display}` }, "write_file");
        if (target.exists) await tracker.assertUnchanged(target.real, target.display, target.raw);

        const text = normalizeNewlines(args.content);
        // Keep the file's own conventions unless the model clearly chose CRLF itself.
        const format = target.exists ? target.format : { eol: args.content.includes("\r\n") ? ("\r\n" as const) : ("\n" as const), bom: false };
        const data = encodeText(text, format);
        await commitFileChanges([{ path: target.real, before: target.raw, after: data, mode: "mode" in target ? target.mode : undefined }], options.writeFile);
        await tracker.recordContent(target.real, data);

        const lines = text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
        const diff = target.exists && target.raw !== null ? unifiedDiff(target.display, target.text, text) : "";
        const verb = target.exists ? "Overwrote" : "Created";
        const stats = diff ? diffStats(diff) : { additions: lines, deletions: 0 };
        return {
          output: `${verb} ${target.display} (${lines} lines, ${Buffer.byteLength(data)} bytes).${diff ? `\n\n${diff}` : ""}`,
          title: target.display,
          metadata: { path: target.display, created: !target.exists, diff, ...stats },
        };
      });
    },
  });
}
