import type { Message } from "@codetether/core";
import type { AgentEvent } from "../events/agent-event.js";

/** One row of the session index. Times are epoch milliseconds. */
export interface SessionInfo {
  id: string;
  title: string;
  /** The directory the session was started in. */
  directory: string;
  /** The git root (or the directory, outside git) the session belongs to. */
  root: string;
  branch?: string;
  model?: string;
  agent?: string;
  created: number;
  updated: number;
  messages: number;
  tokens: { input: number; output: number };
  cost?: number;
  /** Set on a fork: the session and message count it was forked from. */
  parentId?: string;
  forkedAt?: number;
}

/** The lines of a session file, each a JSON object with a `kind`. */
export type SessionLine =
  | { kind: "session"; info: SessionInfo }
  | { kind: "message"; n: number; time: number; message: Message }
  | { kind: "event"; time: number; event: AgentEvent }
  /** The conversation after a compaction: continuing starts from here plus later messages. */
  | { kind: "context"; time: number; messages: Message[] }
  | { kind: "title"; time: number; title: string }
  /** The user allowed this permission and pattern for the rest of the session ("always"). */
  | { kind: "grant"; time: number; permission: string; pattern: string };

export interface LoadedSession {
  info: SessionInfo;
  /** Every message ever appended, in order (for display and forks). */
  messages: Message[];
  /** What to send the model when continuing: the last compaction snapshot plus the messages after it. */
  context: Message[];
  /** The recorded events (deltas excluded). */
  events: { time: number; event: AgentEvent }[];
  /** Permissions the user allowed for the whole session, oldest first. */
  grants: { permission: string; pattern: string }[];
  /** Lines that could not be parsed (a torn last line after a crash is one). */
  skippedLines: number;
}
