import type { AgentEvent } from "@codetether/agent-loop";

/**
 * The text view of a run: tool calls and notable events as lines on stderr as they happen; the
 * answer itself goes to stdout (streamed on a terminal, printed whole otherwise).
 */
export function textProgress(options: { write: (line: string) => void; streamAnswer?: (text: string) => void }): (event: AgentEvent) => void {
  let midLine = false;
  const line = (text: string) => {
    if (midLine && options.streamAnswer) {
      options.streamAnswer("\n");
      midLine = false;
    }
    options.write(text);
  };
  return (event) => {
    switch (event.type) {
      case "text_delta":
        if (options.streamAnswer) {
          options.streamAnswer(event.text);
          midLine = !event.text.endsWith("\n");
        }
        break;
      case "tool_call_start":
        line(`→ ${event.tool} ${shorten(event.argsPreview, 100)}`);
        break;
      case "tool_call_end":
        line(
          `  ${event.success ? "✓" : "✗"} ${event.tool}${event.title ? ` ${event.title}` : ""} (${formatMs(event.durationMs)})` +
            (event.success ? "" : `: ${shorten(event.outputPreview, 160)}`),
        );
        break;
      case "permission":
        if (!event.granted) line(`  ✗ permission denied: ${event.permission} ${shorten(event.pattern, 100)}`);
        break;
      case "compaction":
        line(
          event.kind === "summary"
            ? `· context compacted: ${event.replacedMessages} older messages summarised (${event.tokensBefore} → ${event.tokensAfter} tokens)`
            : `· context: old tool outputs shortened (${event.tokensBefore} → ${event.tokensAfter} tokens)`,
        );
        break;
      case "tool_result_condensed":
        line(`· ${event.tool} output ${event.method === "rlm" ? "condensed" : "truncated"} from ${event.fromChars} to ${event.toChars} characters`);
        break;
      default:
        break;
    }
  };
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}
