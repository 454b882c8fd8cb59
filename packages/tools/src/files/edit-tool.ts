import type { Tool } from "@codetether/core";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { applyTextEdit, type TextEdit } from "./apply-text-edit.js";
import { commitFileChanges } from "./commit-file-changes.js";
import { trackerOf, withFileLocks, type FileToolOptions } from "./file-tool-options.js";
import { loadEditTarget, similarNames } from "./load-edit-target.js";
import { encodeText, normalizeNewlines } from "./text-format.js";
import { diffStats, unifiedDiff } from "./unified-diff.js";

export interface EditArgs extends TextEdit {
  path: string;
}

export const EDIT_DESCRIPTION_RULES =
  "old_string must match the file exactly once (copy it from read_file output without the line-number prefix); " +
  "if it does not, a match ignoring indentation and spacing is tried. If it matches several places, add context " +
  "or set replace_all. Line endings (CRLF) are kept. Edits to a file that changed since you read it are refused.";

export const textEditSchema = {
  old_string: { type: "string", description: "The exact text to replace." },
  new_string: { type: "string", description: "The text to put in its place (must differ from old_string)." },
  replace_all: { type: "boolean", description: "Replace every match instead of requiring exactly one (default false)." },
} as const;

export function createEditTool(options: FileToolOptions = {}): Tool<EditArgs> {
  return defineTool<EditArgs>({
    name: "edit",
    description: `Replace text in a file. ${EDIT_DESCRIPTION_RULES} An empty old_string on a missing file creates it.`,
    parameters: {
      type: "object",
      properties: { path: { type: "string", description: "File path, relative to the workspace root or absolute." }, ...textEditSchema },
      required: ["path", "old_string", "new_string"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      return withFileLocks(options, ctx, [args.path], async () => {
        const tracker = trackerOf(options);
        const target = await loadEditTarget(ctx, args.path, "edit");
        const oldText = normalizeNewlines(args.old_string);
        const newText = normalizeNewlines(args.new_string);
        let after: string;
        let summary: string;
        let lines: number[] = [];
        let tolerant = false;
        if (!target.exists || (oldText === "" && target.text === "")) {
          if (oldText !== "") throw new FileNotFoundError(target.display, await similarNames(target.absolute));
          after = newText;
          summary = target.exists ? `Wrote ${target.display}` : `Created ${target.display}`;
        } else {
          if (oldText === "") throw new ToolInputError(`old_string is empty but ${target.display} already has content; use write_file to replace it whole.`, { field: "old_string" });
          const result = applyTextEdit(target.text, { old_string: oldText, new_string: newText, replace_all: args.replace_all }, target.display);
          after = result.text;
          lines = result.lines;
          tolerant = result.tolerant;
          summary =
            `Edited ${target.display}: ${result.replacements} replacement${result.replacements === 1 ? "" : "s"} at line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}` +
            (tolerant ? " (matched ignoring whitespace differences; indentation adjusted)" : "");
        }
        await requirePermission(ctx, { permission: "edit", pattern: target.display, title: `Edit ${target.display}` }, "edit");
        if (target.exists) await tracker.assertUnchanged(target.real, target.display, target.raw);
        const data = encodeText(after, target.format);
        await commitFileChanges([{ path: target.real, before: target.raw, after: data, mode: target.mode }], options.writeFile);
        await tracker.recordContent(target.real, data);
        const diff = unifiedDiff(target.display, target.exists ? target.text : null, after);
        return {
          output: `${summary}.\n\n${diff}`,
          title: target.display,
          metadata: { path: target.display, diff, lines, tolerant, ...diffStats(diff) },
        };
      });
    },
  });
}
