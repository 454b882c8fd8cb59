import { CodetetherError } from "@codetether/core";

/** A path a tool needs does not exist; `suggestions` are similar names in the same directory. */
export class FileNotFoundError extends CodetetherError {
  readonly path: string;

  constructor(path: string, suggestions: string[] = []) {
    super("file_not_found", `File not found: ${path}`, {
      hint: suggestions.length > 0 ? `Did you mean: ${suggestions.join(", ")}?` : "Check the path with list_dir or glob.",
    });
    this.path = path;
  }
}
