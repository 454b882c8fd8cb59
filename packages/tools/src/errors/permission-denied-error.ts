import { CodetetherError } from "@codetether/core";

/** The permission gate said no: a rule denied it, the user refused, or no one could be asked. */
export class PermissionDeniedError extends CodetetherError {
  readonly permission: string;
  readonly pattern: string;
  /** Why the gate said no, when it could tell. */
  readonly reason?: string;

  constructor(permission: string, pattern: string, reason?: string) {
    super("permission_denied", `Permission "${permission}" denied for "${pattern}"${reason ? `: ${reason}` : "."}`, {
      hint:
        `Do not retry the same call. To allow it, add a rule under [permissions] in the config, ` +
        `e.g. ${permission} = { "${pattern.replace(/"/g, '\\"')}" = "allow" }, or set auto_approve = true.`,
    });
    this.permission = permission;
    this.pattern = pattern;
    if (reason !== undefined) this.reason = reason;
  }
}
