import { CodetetherError } from "@codetether/core";

/** A path resolved outside the workspace root and the `external_directory` permission was not given. */
export class OutsideWorkspaceError extends CodetetherError {
  readonly path: string;
  readonly root: string;

  constructor(path: string, root: string, reason?: string) {
    super("outside_workspace", `Path "${path}" is outside the workspace ${root}${reason ? ` (${reason})` : ""}.`, {
      hint:
        "Use a path inside the workspace. Access outside it needs the external_directory permission " +
        '(config: [permissions] external_directory = { "/some/dir/**" = "allow" }).',
    });
    this.path = path;
    this.root = root;
  }
}
