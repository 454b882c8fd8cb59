import { describeError, type Tool } from "@codetether/core";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { applyTextEdit } from "./apply-text-edit.js";
import { commitFileChanges, type FileChange } from "./commit-file-changes.js";
import { EDIT_DESCRIPTION_RULES, textEditSchema, type EditArgs } from "./edit-tool.js";
import { trackerOf, withFileLocks, type FileToolOptions } from "./file-tool-options.js";
import { loadEditTarget, type EditTarget } from "./load-edit-target.js";
import { encodeText, normalizeNewlines } from "./text-format.js";
import { diffStats, unifiedDiff } from "./unified-diff.js";

export interface MultiEditArgs {
  edits: EditArgs[];
}

interface Planned {
  target: EditTarget;
  text: string;
  edits: number;
}

export function createMultiEditTool(options: FileToolOptions = {}): Tool<MultiEditArgs> {
  return defineTool<MultiEditArgs>({
    name: "multiedit",
    description:
      "Apply several edits, in one or more files, as one change: every edit is checked first, and then all are " +
      "written or none (a failed write rolls back the others). Edits to the same file apply in order, each to the " +
      `result of the previous one. Each edit follows the rules of edit: ${EDIT_DESCRIPTION_RULES}`,
    parameters: {
      type: "object",
      properties: {
        edits: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            properties: { path: { type: "string", description: "File path." }, ...textEditSchema },
            required: ["path", "old_string", "new_string"],
            additionalProperties: false,
          },
        },
      },
      required: ["edits"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      return withFileLocks(options, ctx, args.edits.map((e) => e.path), async () => {
        const tracker = trackerOf(options);
        const plans = new Map<string, Planned>();
        for (const [i, edit] of args.edits.entries()) {
          const field = `edits[${i}]`;
          try {
            const loaded = await loadEditTarget(ctx, edit.path, "multiedit");
            let plan = plans.get(loaded.real);
            if (!plan) {
              plan = { target: loaded, text: loaded.text, edits: 0 };
              plans.set(loaded.real, plan);
            }
            const oldText = normalizeNewlines(edit.old_string);
            const newText = normalizeNewlines(edit.new_string);
            if (!plan.target.exists && plan.edits === 0 && oldText === "") {
              plan.text = newText;
            } else if (!plan.target.exists && plan.edits === 0) {
              throw new FileNotFoundError(plan.target.display);
            } else {
              plan.text = applyTextEdit(plan.text, { old_string: oldText, new_string: newText, replace_all: edit.replace_all }, plan.target.display).text;
            }
            plan.edits++;
          } catch (error) {
            throw new ToolInputError(`${field} (${edit.path}): ${describeError(error)}\nNo file was changed.`, { field });
          }
        }
        const list = [...plans.values()];
        for (const { target } of list) {
          await requirePermission(ctx, { permission: "edit", pattern: target.display, title: `Edit ${target.display}` }, "multiedit");
        }
        for (const { target } of list) if (target.exists) await tracker.assertUnchanged(target.real, target.display, target.raw);

        const changes: FileChange[] = list.map(({ target, text }) => ({
          path: target.real,
          before: target.raw,
          after: encodeText(text, target.format),
          mode: target.mode,
        }));
        await commitFileChanges(changes, options.writeFile);
        for (const change of changes) await tracker.recordContent(change.path, change.after as string);

        const diffs = list.map(({ target, text }) => unifiedDiff(target.display, target.exists ? target.text : null, text));
        const summary = list.map((p) => `${p.target.exists ? "M" : "A"} ${p.target.display} (${p.edits} edit${p.edits === 1 ? "" : "s"})`);
        const diff = diffs.join("");
        return {
          output: `Applied ${args.edits.length} edits to ${list.length} file${list.length === 1 ? "" : "s"}:\n${summary.join("\n")}\n\n${diff}`,
          title: list.length === 1 ? list[0]?.target.display : `${list.length} files`,
          metadata: { files: list.map((p) => p.target.display), diff, ...diffStats(diff) },
        };
      });
    },
  });
}
