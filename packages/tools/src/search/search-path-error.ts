import { CodetetherError } from "@codetether/core";

/** A search tool was pointed at a path that does not exist. */
export class SearchPathError extends CodetetherError {
  constructor(path: string) {
    super("search_path_not_found", `The path "${path}" does not exist.`, {
      hint: "Pass a directory or file inside the workspace (relative to its root), or omit path to search everything.",
    });
  }
}
