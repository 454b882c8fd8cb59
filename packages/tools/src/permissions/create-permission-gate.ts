import type { PermissionGate, PermissionRequest } from "@codetether/core";
import type { PermissionRules } from "./permission-rules.js";

export interface PermissionGateOptions {
  rules: PermissionRules;
  /** Asks the user (CLI prompt, TUI dialog); absent when headless. */
  ask?: (request: PermissionRequest) => Promise<boolean>;
  /** Answer every `ask` with yes (config `auto_approve`); `deny` rules still deny. */
  autoApprove?: boolean;
}

/** A gate that can say why it refused, so the tool's error tells the model and the user what to change. */
export interface ExplainingPermissionGate extends PermissionGate {
  explain(request: PermissionRequest): string | undefined;
}

/**
 * Turns rules into core's `PermissionGate`: allow → yes, deny → no, ask → the `ask` callback, or
 * yes under auto-approve, or no when there is nobody to ask (a headless run must never hang).
 */
export function createPermissionGate(options: PermissionGateOptions): ExplainingPermissionGate {
  return {
    async request(request) {
      const action = options.rules.evaluate(request);
      if (action === "allow") return true;
      if (action === "deny") return false;
      if (options.autoApprove) return true;
      if (!options.ask) return false;
      return options.ask(request);
    },
    explain(request) {
      const action = options.rules.evaluate(request);
      if (action === "deny") return "a deny rule in [permissions] matches it";
      if (action === "ask" && !options.autoApprove && !options.ask)
        return "it needs approval and this run is headless, so no one can be asked";
      if (action === "ask") return "the user refused it";
      return undefined;
    },
  };
}
