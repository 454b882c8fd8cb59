import { CodetetherError } from "./codetether-error.js";

export interface ConfigErrorDetails {
  file?: string;
  key?: string;
  line?: number;
  column?: number;
}

/** A configuration file or value is wrong; names the file, the key or line, and what is expected. */
export class ConfigError extends CodetetherError {
  readonly file?: string;
  readonly key?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, details: ConfigErrorDetails = {}, hint?: string) {
    super("config_invalid", message, { hint: hint ?? "Fix the file at that line or key (every key is documented in the file `codetether config --init` writes); `codetether config --init --force` replaces a file beyond repair." });
    Object.assign(this, details);
  }
}
