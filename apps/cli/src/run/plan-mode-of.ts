import type { Message } from "@codetether/core";

/**
 * Whether a conversation was left in plan mode: the last plan_enter / plan_exit call that ran
 * decides, so `run -c` offers the same tools the model last had.
 */
export function planModeOf(messages: Message[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const results = (messages[i] as Message).content;
    for (let j = results.length - 1; j >= 0; j--) {
      const part = results[j];
      if (part?.type !== "tool_result" || part.isError) continue;
      if (part.toolName === "plan_enter") return true;
      if (part.toolName === "plan_exit") return false;
    }
  }
  return false;
}
