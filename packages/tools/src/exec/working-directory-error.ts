import { stat } from "node:fs/promises";
import { CodetetherError } from "@codetether/core";

/** A command was asked to run in a directory that does not exist. */
export class WorkingDirectoryError extends CodetetherError {
  constructor(path: string) {
    super("working_directory_missing", `The working directory "${path}" does not exist or is not a directory.`, {
      hint: "Pass cwd relative to the workspace root, or create the directory first.",
    });
  }
}

export async function assertDirectory(absolute: string, shown: string): Promise<void> {
  const info = await stat(absolute).catch(() => undefined);
  if (!info?.isDirectory()) throw new WorkingDirectoryError(shown);
}
