import type { RlmResult } from "@codetether/rlm";

const n = (x: number) => x.toLocaleString("en-US");

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** How the characters sent compare with the content: small inputs cost more than they save. */
function compression(contentChars: number, charsSent: number): string {
  if (charsSent === 0) return "nothing sent";
  const ratio = contentChars / charsSent;
  if (ratio >= 1) return `${n(Math.round(ratio * 100) / 100)}× less`;
  return `${n(Math.round((charsSent / Math.max(1, contentChars)) * 10) / 10)}× the content: small enough to just ask the model`;
}

/** The text view of an RLM result: the answer first, then how it was found. */
export function formatRlmResult(result: RlmResult, modelRef: string): string {
  const s = result.stats;
  const lines = [
    result.answer.trimEnd(),
    "",
    `iterations: ${result.iterations}   sub-queries: ${result.subQueries.length}   elapsed: ${(s.elapsedMs / 1000).toFixed(1)} s   model: ${modelRef}`,
    `tokens: ${n(s.inputTokens)} in / ${n(s.outputTokens)} out   content: ${n(s.contentChars)} chars (${result.contentType})   sent to the model: ${n(s.charsSent)} chars (${compression(s.contentChars, s.charsSent)})`,
  ];
  if (result.subQueries.length > 0) {
    lines.push("sub-queries:");
    result.subQueries.forEach((q, i) => {
      const outcome = q.error ? `failed: ${q.error}` : oneLine(q.answer);
      lines.push(`  ${i + 1}. ${oneLine(q.question, 60)} (${n(q.sliceChars)} chars) → ${outcome}`);
    });
  }
  if (result.partial) lines.push(`partial answer: ${result.stopDetail ?? result.stopReason}`);
  return lines.join("\n");
}
