import type { CommandModule } from "yargs";
import { authCommand } from "./auth-command.js";
import { configCommand } from "./config-command.js";
import { runCommand } from "./run-command.js";
import { sessionsCommand } from "./sessions-command.js";
import { modelsCommand } from "./models-command.js";
import { rlmCommand } from "./rlm-command.js";

/** Every top-level command; each loads its implementation only when it runs. */
export const commands: CommandModule<any, any>[] = [configCommand, authCommand, modelsCommand, runCommand, sessionsCommand, rlmCommand];
