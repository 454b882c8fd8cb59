import { CodetetherError } from "@codetether/core";

export class AgentNotFoundError extends CodetetherError {
  readonly agent: string;

  constructor(agent: string, known: string[]) {
    super("agent_not_found", `No agent named "${agent}".`, {
      hint: `Known agents: ${known.join(", ")}. Define more under [agents.<name>] in the config or in .codetether/agents/<name>.md.`,
    });
    this.agent = agent;
  }
}
