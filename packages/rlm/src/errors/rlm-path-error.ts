import { CodetetherError } from "@codetether/core";

/** A path given to the `rlm` tool or command cannot be read (outside the workspace, missing, too large). */
export class RlmPathError extends CodetetherError {
  constructor(
    readonly path: string,
    reason: string,
    hint: string,
  ) {
    super("rlm_path_invalid", `Cannot read ${path}: ${reason}.`, { hint });
  }
}
