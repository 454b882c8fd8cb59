import type { JsonSchema } from "../messages/completion.js";
import type { ToolEvent } from "./tool-event.js";

export type PermissionAction = "allow" | "ask" | "deny";

/** What a tool wants to do, for the permission gate to decide on. */
export interface PermissionRequest {
  /** Permission name: usually the tool name, or a cross-cutting one such as `external_directory`. */
  permission: string;
  /** The thing acted on: a bash command, a path, a URL. Rules match patterns against it. */
  pattern: string;
  /** A one-line description shown to the user when asked. */
  title?: string;
  metadata?: Record<string, unknown>;
}

export interface PermissionGate {
  /** Resolves true when the action may proceed; never throws for a plain "no". */
  request(request: PermissionRequest): Promise<boolean>;
}

export interface QuestionRequest {
  question: string;
  options?: string[];
}

export interface ToolContext {
  /** The workspace root: paths resolve against it, and nothing outside it is touched unasked. */
  root: string;
  /** Working directory for commands; defaults to `root`. */
  cwd?: string;
  signal: AbortSignal;
  permissions: PermissionGate;
  emit: (event: ToolEvent) => void;
  sessionId?: string;
  /** The id of the tool call being executed, when run by an agent. */
  callId?: string;
  /** Asks the user a question (the `question` tool); absent when there is no one to ask. */
  ask?: (request: QuestionRequest) => Promise<string>;
}

export interface ToolResult {
  output: string;
  isError?: boolean;
  /** A short title for displays (e.g. the file that was edited). */
  title?: string;
  /** Structured data for views and tests; not sent to the model. */
  metadata?: Record<string, unknown>;
}

export interface Tool<Args = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  readonly parameters: JsonSchema;
  /** Read-only tools may run concurrently and are the only ones offered in plan mode. */
  readonly readOnly?: boolean;
  execute(args: Args, ctx: ToolContext): Promise<ToolResult>;
}

export const allowAll: PermissionGate = { request: async () => true };
export const denyAll: PermissionGate = { request: async () => false };
