import { CodetetherError } from "./codetether-error.js";

export class ModelRefError extends CodetetherError {
  readonly ref: string;

  constructor(ref: string, reason: string) {
    super("model_ref_invalid", `Invalid model reference "${ref}": ${reason}.`, {
      hint: "Name models as provider/model, e.g. moonshotai/kimi-k2.5 or openrouter/openai/gpt-5.",
    });
    this.ref = ref;
  }
}
