import { CodetetherError } from "@codetether/core";

/** A custom agent (config table or markdown file) is malformed; names the file and the field. */
export class AgentDefinitionError extends CodetetherError {
  readonly file: string;

  constructor(file: string, problem: string) {
    super("agent_invalid", `Agent definition ${file}: ${problem}.`, {
      hint: "Agent files are markdown with YAML front matter (description, model, tools, temperature, max_steps, mode) followed by the prompt.",
    });
    this.file = file;
  }
}
