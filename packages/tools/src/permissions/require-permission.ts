import type { PermissionRequest, ToolContext } from "@codetether/core";
import { PermissionDeniedError } from "../errors/permission-denied-error.js";
import type { ExplainingPermissionGate } from "./create-permission-gate.js";

/**
 * Asks the context's gate for a permission, reports the answer as a `permission_asked` event,
 * and throws `PermissionDeniedError` (with the reason, when the gate can tell) on a no.
 */
export async function requirePermission(ctx: ToolContext, request: PermissionRequest, toolName = request.permission): Promise<void> {
  const granted = await ctx.permissions.request(request);
  ctx.emit({ type: "permission_asked", callId: ctx.callId, tool: toolName, permission: request.permission, pattern: request.pattern, granted });
  if (granted) return;
  const explain = (ctx.permissions as Partial<ExplainingPermissionGate>).explain;
  const reason = typeof explain === "function" ? explain.call(ctx.permissions, request) : undefined;
  throw new PermissionDeniedError(request.permission, request.pattern, reason);
}
