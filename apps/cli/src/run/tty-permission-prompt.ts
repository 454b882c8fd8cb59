import type { PermissionRequest } from "@codetether/core";
import { askOnTerminal } from "./ask-on-terminal.js";

export interface Grant {
  permission: string;
  pattern: string;
}

export interface TtyPermissionOptions {
  /** "Always" answers given earlier in the session: not asked again. */
  granted?: Iterable<Grant>;
  /** Called on each new "always" answer (the session records it). */
  onAlways?: (grant: Grant) => void;
}

/**
 * Asks on the terminal: allow once, always (for the rest of the session), or deny. Questions are
 * asked one at a time even when tools run concurrently.
 */
export function ttyPermissionPrompt(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  options: TtyPermissionOptions = {},
): (request: PermissionRequest) => Promise<boolean> {
  const keyOf = (g: Grant) => `${g.permission}\u0000${g.pattern}`;
  const always = new Set<string>([...(options.granted ?? [])].map(keyOf));
  let queue: Promise<unknown> = Promise.resolve();
  return (request) => {
    const key = keyOf(request);
    const ask = async (): Promise<boolean> => {
      if (always.has(key)) return true;
      const what = request.title ?? `${request.permission}: ${request.pattern}`;
      const answer = await askOnTerminal(input, output, `\nAllow ${what}?\n  [y] once   [a] always for this session   [n] deny  > `);
      const choice = answer.trim().toLowerCase();
      if (choice === "a" || choice === "always") {
        always.add(key);
        try {
          options.onAlways?.({ permission: request.permission, pattern: request.pattern });
        } catch {
          // Not remembering it for a later run is no reason to refuse it now.
        }
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
