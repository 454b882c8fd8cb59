import { readlink, realpath } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { ToolContext } from "@codetether/core";
import { OutsideWorkspaceError } from "../errors/outside-workspace-error.js";
import { PermissionDeniedError } from "../errors/permission-denied-error.js";
import { requirePermission } from "../permissions/require-permission.js";

export interface WorkspacePathOptions {
  /** Directories outside the root that need no permission (e.g. the spill dir of cut outputs). */
  extraRoots?: readonly string[];
  /** Names the tool in the permission event. */
  toolName?: string;
}

/** True when `child` is `parent` or lies below it. */
export function isWithin(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * The real path of `path`, following symlinks in every existing component: the nearest existing
 * ancestor is resolved and the not-yet-existing rest appended, so a new file under a symlinked
 * directory is judged by where it would really land. A dangling symlink is followed to where its
 * target would be, since writing through it would create the file there.
 */
export async function realPathOfNearest(path: string): Promise<string> {
  return realPathWithin(path, 0);
}

const MAX_LINK_HOPS = 40;

async function realPathWithin(path: string, hops: number): Promise<string> {
  const rest: string[] = [];
  let current = path;
  while (true) {
    try {
      const real = await realpath(current);
      return rest.length ? join(real, ...rest.reverse()) : real;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      const target = await readlink(current).catch(() => undefined);
      if (target !== undefined && hops < MAX_LINK_HOPS) {
        const followed = resolve(dirname(current), target);
        return realPathWithin(rest.length ? join(followed, ...rest.reverse()) : followed, hops + 1);
      }
      const parent = dirname(current);
      if (parent === current) return path;
      rest.push(current.slice(parent.length).replace(/^[\\/]+/, ""));
      current = parent;
    }
  }
}

/** Expands `~/…` and resolves `inputPath` against the context's working directory. */
export function resolveAgainstContext(ctx: ToolContext, inputPath: string): string {
  const expanded = inputPath === "~" ? homedir() : inputPath.startsWith("~/") ? join(homedir(), inputPath.slice(2)) : inputPath;
  return resolve(ctx.cwd ?? ctx.root, expanded);
}

/**
 * Resolves a path a model gave against `ctx.cwd ?? ctx.root` and checks it stays in the workspace,
 * lexically (`..`, absolute paths) and really (symlinks). A path outside needs the
 * `external_directory` permission; without it this throws `OutsideWorkspaceError`.
 * Returns the absolute (lexical) path.
 */
export async function resolveWorkspacePath(ctx: ToolContext, inputPath: string, options: WorkspacePathOptions = {}): Promise<string> {
  const absolute = resolveAgainstContext(ctx, inputPath);
  const root = resolve(ctx.root);
  const realRoot = await realPathOfNearest(root);
  const real = await realPathOfNearest(absolute);
  // The root may be named through a symlink (macOS /tmp → /private/tmp) and the path by its real name.
  if ((isWithin(root, absolute) || isWithin(realRoot, absolute)) && isWithin(realRoot, real)) return absolute;

  for (const extra of options.extraRoots ?? []) {
    const realExtra = await realPathOfNearest(resolve(extra));
    if (isWithin(resolve(extra), absolute) && isWithin(realExtra, real)) return absolute;
  }

  const viaSymlink = isWithin(root, absolute) || isWithin(realRoot, absolute);
  const reason = viaSymlink ? `a symlink leads to ${real}` : undefined;
  try {
    await requirePermission(
      ctx,
      { permission: "external_directory", pattern: real, title: `Access ${real} outside the workspace ${root}`, metadata: { path: absolute } },
      options.toolName,
    );
  } catch (error) {
    if (error instanceof PermissionDeniedError) {
      const why = [reason, error.reason && `external_directory denied: ${error.reason}`].filter(Boolean).join("; ");
      throw new OutsideWorkspaceError(inputPath, root, why || undefined);
    }
    throw error;
  }
  return absolute;
}
