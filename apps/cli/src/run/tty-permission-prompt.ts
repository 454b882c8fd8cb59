import type { PermissionRequest } from "@codetether/core";
import { askOnTerminal } from "./ask-on-terminal.js";

/**
 * Asks on the terminal: allow once, always (for the rest of this run), or deny. Questions are
 * asked one at a time even when tools run concurrently.
 */
export function ttyPermissionPrompt(input: NodeJS.ReadStream, output: NodeJS.WriteStream): (request: PermissionRequest) => Promise<boolean> {
  const always = new Set<string>();
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const key = `${request.permission}\u0000${request.pattern}`;
    const ask = async (): Promise<boolean> => {
      if (always.has(key)) return true;
      const what = request.title ?? `${request.permission}: ${request.pattern}`;
      const answer = await askOnTerminal(input, output, `\nAllow ${what}?\n  [y] once   [a] always for this session   [n] deny  > `);
      const choice = answer.trim().toLowerCase();
      if (choice === "a" || choice === "always") {
        always.add(key);
        return true;
      }
      return choice === "y" || choice === "yes" || choice === "o" || choice === "once";
    };
    // Queued here too, so a second ask for the same pattern sees an earlier "always".
    const next = queue.then(ask, ask);
    queue = next.catch(() => undefined);
    return next;
  };
}
