export type ContentType = "code" | "logs" | "conversation" | "documents" | "mixed";

export const CONTENT_TYPES: readonly ContentType[] = ["code", "logs", "conversation", "documents", "mixed"];

/** Marker line that separates files when several are joined into one context. */
export const FILE_MARKER = /^=== FILE: (.+) ===$/;

// Only a line's first characters are looked at: enough to see a timestamp, a role or a keyword,
// and it keeps scanning a 100 MB context cheap.
export const LINE_PREFIX = 96;

const TIMESTAMP =
  /^\s*\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}|\d{2}:\d{2}:\d{2}[.,]\d+|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}|\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}|\d{10}(\.\d+)?\s)/;
const LEVEL_FIRST = /^\s*\[?(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL)\]?[\s:]/;
// glog/klog (Kubernetes): I1122 10:00:01.123456
const KLOG = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+/;
// A timestamp a little way into the line: access logs (host - - [22/Nov/2026:10:00:01 +0000]),
// syslog with a priority (<34>1 2026-11-22T…), host- or service-prefixed lines.
const EARLY_TIMESTAMP = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|\[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}/;
// A JSON log line ({"level":"info","ts":…}), but not a chat message ({"role":"user",…}).
const JSON_LOG = /^\s*\{(?!\s*"role")[^\n]{0,160}?"(level|severity|lvl|@timestamp|timestamp|time|ts)"\s*:/;

/** A new log entry: a line opening with a timestamp or a level, or a structured (JSON) log line. */
export function isLogEntryStart(line: string): boolean {
  if (TIMESTAMP.test(line) || LEVEL_FIRST.test(line)) return true;
  // The rarer forms, keyed on the first character: most lines of a big log (and every stack
  // trace line) are decided without another regex.
  const c = line.charCodeAt(0);
  if (c === 123) return JSON_LOG.test(line); // {
  if (c === 32 || c === 9) return false; // indented: a continuation
  if ((c === 73 || c === 87 || c === 69 || c === 70) && KLOG.test(line)) return true; // I W E F
  return EARLY_TIMESTAMP.test(line.length > 48 ? line.slice(0, 48) : line);
}

const ROLES = "user|assistant|human|ai|system|bot|model|me|you|customer|agent|support|interviewer|q|a";
// `User:`, `**User**:`, `**User:**`, `> [assistant]:`
const TURN = new RegExp(`^\\s*(>\\s*)?(\\*\\*|__)?\\[?(${ROLES})\\]?((\\*\\*|__)\\s*:|\\s*:(\\*\\*|__)?)(\\s|$)`, "i");
// Exported chats often head each turn: `## User`, `### Assistant`
const TURN_HEADING = /^\s{0,3}#{1,4}\s+(user|assistant|human|ai|system|model)\s*:?\s*$/i;
const CHAT_LOG = /^\s*\[\d{1,2}:\d{2}(:\d{2})?( ?[AP]M)?\] [^:]{1,40}: |^\s*<[\w .-]{1,30}> /;
const JSON_ROLE = /^\s*\{?\s*"role"\s*:\s*"(user|assistant|system|tool)"/;

/** The start of a turn in a transcript: `User:`, `Assistant:`, `[12:01] ann: …`, `{"role": …`. */
export function isTurnStart(line: string): boolean {
  return TURN.test(line) || CHAT_LOG.test(line) || JSON_ROLE.test(line) || TURN_HEADING.test(line);
}

const DEFINITION =
  /^(export\s+)?(default\s+)?(declare\s+)?(abstract\s+)?(async\s+)?(function\*?|class|interface|type|enum|const|let|var|def|fn|pub(\(crate\))?|impl|struct|trait|mod|func|package|module|namespace|object|sealed|data class|public|private|protected|static|template|typedef)\b/;
const CODE_LINE =
  /^\s*(import\s|export\s|from\s+\S+\s+import|#include|#!|using\s|return\b|if\s*\(|for\s*\(|while\s*\(|switch\s*\(|}\s*else|elif\s|else:|try:|except\b|catch\s*\(|\/\/|\/\*|\*\/|@\w+|self\.|this\.|\w+\s*:=|(const|let|var|def|fn|func|class|function|pub|impl|struct|async|await)\s)|[;{}]\s*$|\)\s*(=>|->)|^\s*[)}\]];?,?\s*$/;

/** A top-level definition (unindented function, class, type, …): where code chunks begin. */
export function isDefinitionStart(line: string): boolean {
  return DEFINITION.test(line) || FILE_MARKER.test(line);
}

function isCodeLine(line: string): boolean {
  return CODE_LINE.test(line) || DEFINITION.test(line);
}

/** A markdown heading (`# …`) or a short title-cased standalone line is where a section starts. */
export function isHeading(line: string): boolean {
  return /^\s{0,3}#{1,6}\s+\S/.test(line) || /^\s*(chapter|section|part)\s+[\dIVXivx]+\b/i.test(line);
}

function isDocumentLine(line: string): boolean {
  if (isHeading(line) || /^\s*([-*+]|\d+[.)])\s+[A-Za-z]/.test(line)) return true;
  const words = line.trim().split(/\s+/);
  if (words.length < 6) return false;
  let letters = 0;
  for (const ch of line) if (/[A-Za-z\s,.'’;:!?-]/.test(ch)) letters++;
  return letters / line.length > 0.9;
}

const SAMPLE_WINDOW = 16_000;

/** Up to three windows (start, middle, end) of whole lines; the whole text when it is small. */
function sampleLines(text: string): string[] {
  if (text.length <= SAMPLE_WINDOW * 3) return text.split("\n");
  const out: string[] = [];
  for (const at of [0, Math.floor(text.length / 2), text.length - SAMPLE_WINDOW]) {
    const lines = text.slice(at, at + SAMPLE_WINDOW).split("\n");
    // Drop the partial lines at either edge of the window.
    out.push(...lines.slice(at === 0 ? 0 : 1, -1));
  }
  return out;
}

/**
 * Classifies a text by sampling lines from its start, middle and end and counting which kind each
 * line looks like. One kind holding most classified lines wins; two kinds sharing them make
 * `mixed`. Text with no recognisable lines is treated as documents.
 */
export function detectContentType(text: string): ContentType {
  type Kind = Exclude<ContentType, "mixed">;
  const empty = (): Record<Kind, number> => ({ code: 0, logs: 0, conversation: 0, documents: 0 });
  const scores = empty();
  // Joined files are also judged one by one: a log file next to source files is a mix even when
  // one of them is much longer.
  const sections: Record<Kind, number>[] = [empty()];
  let files = 0;
  for (const raw of sampleLines(text)) {
    const line = raw.slice(0, LINE_PREFIX * 2);
    if (line.trim() === "") continue;
    if (FILE_MARKER.test(line)) {
      files++;
      sections.push(empty());
      continue;
    }
    // Order matters: a log line often contains code-like punctuation, a turn often prose.
    const kind: Kind | undefined = isLogEntryStart(line)
      ? "logs"
      : isTurnStart(line)
        ? "conversation"
        : isCodeLine(line)
          ? "code"
          : isDocumentLine(line)
            ? "documents"
            : undefined;
    if (!kind) continue;
    const weight = kind === "conversation" ? 3 : 1; // a turn is usually followed by lines of prose
    scores[kind] += weight;
    (sections[sections.length - 1] as Record<Kind, number>)[kind] += weight;
  }
  const ranked = (Object.entries(scores) as [Kind, number][]).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, n]) => s + n, 0);
  const [first, second] = ranked as [[Kind, number], [Kind, number]];
  if (total === 0) return files > 0 ? "mixed" : "documents";
  if (first[1] / total < 0.6 && second[1] / total >= 0.25) return "mixed";
  if (files > 1) {
    // Weight each file's own kind by its size; a second kind holding a sizeable share is a mix.
    const byKind = empty();
    for (const section of sections) {
      const entries = Object.entries(section) as [Kind, number][];
      const size = entries.reduce((s, [, n]) => s + n, 0);
      if (size === 0) continue;
      const [kind] = entries.sort((a, b) => b[1] - a[1])[0] as [Kind, number];
      byKind[kind] += size;
    }
    const shares = Object.values(byKind).sort((a, b) => b - a);
    if ((shares[1] as number) / total >= 0.15) return "mixed";
  }
  return first[0];
}
