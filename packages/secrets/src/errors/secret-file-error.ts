import { CodetetherError } from "@codetether/core";

/** The local key file written by `codetether auth login` cannot be read or is not valid. */
export class SecretFileError extends CodetetherError {
  readonly path: string;

  constructor(path: string, problem: string, cause?: unknown) {
    super("secret_file_invalid", `The key file ${path} ${problem}.`, {
      hint: `Fix it by hand, or move it aside and run \`codetether auth login <provider>\` again. Nothing was changed.`,
      cause,
    });
    this.path = path;
  }
}
