import type { Tool } from "@codetether/core";
import { PatchApplyError } from "../errors/patch-apply-error.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { commitFileChanges, type FileChange } from "./commit-file-changes.js";
import { trackerOf, withFileLocks, type FileToolOptions } from "./file-tool-options.js";
import { loadEditTarget, type EditTarget } from "./load-edit-target.js";
import { applyHunks } from "./patch/apply-hunks.js";
import { parsePatch } from "./patch/parse-patch.js";
import { encodeText, type TextFormat } from "./text-format.js";
import { diffStats, unifiedDiff } from "./unified-diff.js";

export interface ApplyPatchArgs {
  patch: string;
}

/** A file's planned state while the patch's operations are worked through in memory. */
interface FileState {
  target: EditTarget;
  text: string | null;
  format: TextFormat;
  mode?: number;
}

export function createApplyPatchTool(options: FileToolOptions = {}): Tool<ApplyPatchArgs> {
  return defineTool<ApplyPatchArgs>({
    name: "apply_patch",
    description:
      "Apply a patch to one or more files, all or nothing. Accepts a unified diff (as `git diff` prints it: " +
      "--- a/path, +++ b/path, @@ -l,n +l,n @@ hunks; new, deleted and renamed files) whose context must match " +
      "exactly, or the envelope format:\n*** Begin Patch\n*** Update File: path\n@@ optional line to find first\n " +
      "context\n-old line\n+new line\n*** Add File: path\n+content\n*** Delete File: path\n*** End Patch\n" +
      "(`*** Move to: new/path` after an Update header renames). Line endings of existing files are kept.",
    parameters: {
      type: "object",
      properties: { patch: { type: "string", minLength: 1, description: "The patch text." } },
      required: ["patch"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      const tracker = trackerOf(options);
      const parsed = parsePatch(args.patch);
      const touched = parsed.operations.flatMap((op) =>
        op.type === "update" ? [op.path, ...(op.moveTo ? [op.moveTo] : []), ...(op.fallbackPath ? [op.fallbackPath] : [])] : [op.path],
      );
      return withFileLocks(options, ctx, touched, async () => {
        const states = new Map<string, FileState>();
        const stateFor = async (path: string): Promise<FileState> => {
          const target = await loadEditTarget(ctx, path, "apply_patch");
          let state = states.get(target.real);
          if (!state) {
            state = { target, text: target.exists ? target.text : null, format: target.format, ...(target.mode !== undefined ? { mode: target.mode } : {}) };
            states.set(target.real, state);
          }
          return state;
        };
        const summary: string[] = [];
        const diffs: string[] = [];

        for (const op of parsed.operations) {
          if (op.type === "add") {
            const state = await stateFor(op.path);
            if (state.text !== null) throw new PatchApplyError(state.target.display, "cannot add the file: it already exists");
            state.text = op.content;
            if (op.mode !== undefined) state.mode = op.mode;
            summary.push(`A ${state.target.display}`);
            diffs.push(unifiedDiff(state.target.display, null, op.content));
          } else if (op.type === "delete") {
            const state = await stateFor(op.path);
            if (state.text === null) throw new PatchApplyError(state.target.display, "cannot delete the file: it does not exist");
            if (op.hunks && op.hunks.length > 0 && applyHunks(state.text, op.hunks, { path: state.target.display, byContent: false }) !== "") {
              throw new PatchApplyError(state.target.display, "the deletion does not match the file's current content");
            }
            diffs.push(unifiedDiff(state.target.display, state.text, null));
            state.text = null;
            summary.push(`D ${state.target.display}`);
          } else {
            let state = await stateFor(op.path);
            if (state.text === null && op.fallbackPath !== undefined) state = await stateFor(op.fallbackPath);
            if (state.text === null) throw new PatchApplyError(state.target.display, "cannot update the file: it does not exist");
            const before = state.text;
            const after = op.hunks.length === 0 ? before : applyHunks(before, op.hunks, { path: state.target.display, byContent: parsed.format === "envelope" });
            const modeNote = op.mode !== undefined && op.mode !== state.target.mode ? ` (mode ${op.mode.toString(8)})` : "";
            if (op.moveTo !== undefined) {
              const dest = await stateFor(op.moveTo);
              if (dest !== state && dest.text !== null) throw new PatchApplyError(dest.target.display, "cannot move a file here: it already exists");
              state.text = null;
              dest.text = after;
              dest.format = state.format;
              if (state.mode !== undefined) dest.mode = state.mode;
              if (op.mode !== undefined) dest.mode = op.mode;
              summary.push(`R ${state.target.display} → ${dest.target.display}${modeNote}`);
              diffs.push(unifiedDiff(state.target.display, before, after, dest.target.display));
            } else {
              state.text = after;
              if (op.mode !== undefined) state.mode = op.mode;
              summary.push(`M ${state.target.display}${modeNote}`);
              if (after !== before) diffs.push(unifiedDiff(state.target.display, before, after));
            }
          }
        }

        const changed = [...states.values()].filter((s) =>
          s.target.exists ? s.text !== s.target.text || s.text === null || s.mode !== s.target.mode : s.text !== null,
        );
        for (const s of changed) {
          await requirePermission(ctx, { permission: "edit", pattern: s.target.display, title: `Patch ${s.target.display}` }, "apply_patch");
        }
        for (const s of changed) if (s.target.exists) await tracker.assertUnchanged(s.target.real, s.target.display, s.target.raw);

        const changes: FileChange[] = changed.map((s) => ({
          path: s.target.real,
          before: s.target.raw,
          after: s.text === null ? null : encodeText(s.text, s.format),
          ...(s.mode !== undefined ? { mode: s.mode } : {}),
        }));
        await commitFileChanges(changes, options.writeFile);
        for (const c of changes) {
          if (c.after === null) tracker.forget(c.path);
          else await tracker.recordContent(c.path, c.after);
        }
        const diff = diffs.join("");
        return {
          output: `Applied patch (${parsed.format}) to ${summary.length} file${summary.length === 1 ? "" : "s"}:\n${summary.join("\n")}\n\n${diff}`,
          title: changed.length === 1 ? changed[0]?.target.display : `${changed.length} files`,
          metadata: { format: parsed.format, files: summary, diff, ...diffStats(diff) },
        };
      });
    },
  });
}
