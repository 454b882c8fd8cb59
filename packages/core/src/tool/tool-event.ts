export type ToolEvent =
  | { type: "tool_start"; callId?: string; tool: string; argsPreview: string; time: number }
  | { type: "tool_output"; callId?: string; tool: string; chunk: string; stream?: "stdout" | "stderr" }
  | {
      type: "tool_end";
      callId?: string;
      tool: string;
      durationMs: number;
      success: boolean;
      outputPreview?: string;
      title?: string;
    }
  | { type: "permission_asked"; callId?: string; tool: string; permission: string; pattern: string; granted: boolean };
