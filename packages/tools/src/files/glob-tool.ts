import { stat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { Tool } from "@codetether/core";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { realPathOfNearest, resolveWorkspacePath } from "../guard/workspace-guard.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { displayPath } from "./display-path.js";
import { collectFiles } from "./walk-files.js";

export interface GlobArgs {
  pattern: string;
  path?: string;
  limit?: number;
}

export const GLOB_DEFAULT_LIMIT = 100;

export function createGlobTool(): Tool<GlobArgs> {
  return defineTool<GlobArgs>({
    name: "glob",
    description:
      "Find files by glob pattern (`**/*.ts`, `src/**/test_*.py`, `*.{json,yaml}`), newest first. Patterns are " +
      "relative to path (default: the workspace root); `*` stays within a directory, `**` crosses directories. " +
      `Files ignored by .gitignore are left out. Returns at most limit paths (default ${GLOB_DEFAULT_LIMIT}).`,
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        pattern: { type: "string", minLength: 1, description: "Glob pattern." },
        path: { type: "string", description: "Directory to search in (default: the workspace root)." },
        limit: { type: "integer", minimum: 1, maximum: 10000, description: `Maximum number of paths (default ${GLOB_DEFAULT_LIMIT}).` },
      },
      required: ["pattern"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      const dirInput = args.path ?? ".";
      const base = await resolveWorkspacePath(ctx, dirInput, { toolName: "glob" });
      const display = displayPath(ctx, base);
      const baseInfo = await stat(await realPathOfNearest(base)).catch(() => undefined);
      if (!baseInfo) throw new FileNotFoundError(display);
      if (!baseInfo.isDirectory()) throw new ToolInputError(`path ${display} is not a directory.`, { field: "path" });

      // The pattern's literal prefix (`src/` in `src/**/*.ts`, or an absolute or `../` one) is a
      // directory like any other: it goes through the workspace guard, and only it is walked.
      const scan = picomatch.scan(args.pattern.replace(/^(\.\/)+/, ""));
      const absolute = scan.base ? await resolveWorkspacePath(ctx, isAbsolute(scan.base) ? scan.base : join(base, scan.base), { toolName: "glob" }) : base;
      const searchDisplay = displayPath(ctx, absolute);
      await requirePermission(ctx, { permission: "read", pattern: searchDisplay, title: `Glob ${args.pattern} in ${searchDisplay}` }, "glob");
      const real = await realPathOfNearest(absolute);
      const rest = scan.glob;
      const matches: { path: string; mtimeMs: number }[] = [];
      const startInfo = await stat(real).catch(() => undefined);
      if (startInfo?.isDirectory() && rest) {
        const isMatch = picomatch(rest, { dot: true });
        // Without `**`, nothing deeper than the pattern's own segments can match.
        const maxDepth = rest.includes("**") ? undefined : rest.split("/").length;
        const candidates = (await collectFiles(real, { maxDepth, signal: ctx.signal })).filter((e) => !e.isDir && isMatch(e.rel));
        // Stat in parallel batches: one at a time is the slow part of a big glob.
        for (let i = 0; i < candidates.length; i += 256) {
          const batch = candidates.slice(i, i + 256);
          const stats = await Promise.all(batch.map((e) => stat(e.path).catch(() => undefined)));
          batch.forEach((e, k) => {
            const s = stats[k];
            if (s && !s.isDirectory()) matches.push({ path: e.path, mtimeMs: s.mtimeMs });
          });
        }
      } else if (startInfo && !startInfo.isDirectory() && !rest) {
        matches.push({ path: real, mtimeMs: startInfo.mtimeMs });
      }
      matches.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : 1));
      const limit = args.limit ?? GLOB_DEFAULT_LIMIT;
      const shown = matches.slice(0, limit).map((m) => {
        // Report paths under the lexical directory the model named, not the symlink-resolved one.
        const under = join(absolute, relative(real, m.path));
        return displayPath(ctx, under).split(sep).join("/");
      });
      if (shown.length === 0) return { output: `No files match ${args.pattern} in ${display}.`, title: args.pattern, metadata: { count: 0 } };
      const footer =
        matches.length > limit ? `\n\n(Showing ${limit} of ${matches.length} matches, newest first. Narrow the pattern or raise limit.)` : "";
      return { output: shown.join("\n") + footer, title: args.pattern, metadata: { count: matches.length, truncated: matches.length > limit } };
    },
  });
}
