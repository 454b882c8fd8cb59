import { relative, sep } from "node:path";
import type { ToolContext } from "@codetether/core";
import { isWithin } from "../guard/workspace-guard.js";

/** A path as shown to the model: relative to the workspace root (with `/`) when inside it, else absolute. */
export function displayPath(ctx: ToolContext, absolute: string): string {
  if (!isWithin(ctx.root, absolute)) return absolute;
  const rel = relative(ctx.root, absolute);
  return rel === "" ? "." : rel.split(sep).join("/");
}
