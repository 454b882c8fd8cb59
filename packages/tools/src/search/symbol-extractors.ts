import { extname } from "node:path";

export type SymbolKind = "function" | "class" | "method" | "interface" | "type" | "enum" | "const" | "variable" | "struct" | "trait" | "module";

export interface SymbolDefinition {
  name: string;
  kind: SymbolKind;
  /** 1-based. */
  line: number;
  /** The definition's line, trimmed: enough for the model to recognise the signature. */
  text: string;
}

interface Rule {
  re: RegExp;
  kind: SymbolKind;
}

const CONTROL = new Set(["if", "for", "while", "switch", "catch", "return", "function", "new", "else", "do", "try", "with", "super", "constructor", "typeof", "await", "yield"]);

const TS_RULES: Rule[] = [
  { re: /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/, kind: "function" },
  { re: /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/, kind: "class" },
  { re: /^\s*(?:export\s+)?(?:declare\s+)?interface\s+([A-Za-z_$][\w$]*)/, kind: "interface" },
  { re: /^\s*(?:export\s+)?(?:declare\s+)?type\s+([A-Za-z_$][\w$]*)\s*(?:<[^=]*>)?\s*=/, kind: "type" },
  { re: /^\s*(?:export\s+)?(?:declare\s+)?(?:const\s+)?enum\s+([A-Za-z_$][\w$]*)/, kind: "enum" },
  { re: /^\s*(?:export\s+)?(?:declare\s+)?(?:namespace|module)\s+([A-Za-z_$][\w$]*)/, kind: "module" },
  { re: /^\s*(?:export\s+)?(?:declare\s+)?const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>/, kind: "function" },
  { re: /^(?:export\s+)?(?:declare\s+)?const\s+([A-Za-z_$][\w$]*)/, kind: "const" },
  { re: /^(?:export\s+)?(?:let|var)\s+([A-Za-z_$][\w$]*)/, kind: "variable" },
  {
    re: /^\s+(?:(?:public|private|protected|static|readonly|async|override|abstract|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\([^;]*\)\s*(?::\s*[^{;]+)?\{\s*(?:\}\s*)?$/,
    kind: "method",
  },
];

const PY_RULES: Rule[] = [
  { re: /^(\s*)(?:async\s+)?def\s+([A-Za-z_]\w*)/, kind: "function" },
  { re: /^\s*class\s+([A-Za-z_]\w*)/, kind: "class" },
  { re: /^([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)/, kind: "const" },
];

const GO_RULES: Rule[] = [
  { re: /^func\s+\([^)]*\)\s*([A-Za-z_]\w*)/, kind: "method" },
  { re: /^func\s+([A-Za-z_]\w*)/, kind: "function" },
  { re: /^(?:type\s+|\s+)([A-Za-z_]\w*)\s+struct\b/, kind: "struct" },
  { re: /^(?:type\s+|\s+)([A-Za-z_]\w*)\s+interface\b/, kind: "interface" },
  { re: /^type\s+([A-Za-z_]\w*)/, kind: "type" },
  { re: /^(?:const|var)\s+([A-Za-z_]\w*)/, kind: "const" },
];

const RUST_RULES: Rule[] = [
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?(?:extern\s+"[^"]*"\s+)?fn\s+([A-Za-z_]\w*)/, kind: "function" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?struct\s+([A-Za-z_]\w*)/, kind: "struct" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?enum\s+([A-Za-z_]\w*)/, kind: "enum" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?trait\s+([A-Za-z_]\w*)/, kind: "trait" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?type\s+([A-Za-z_]\w*)/, kind: "type" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\s+(?:mut\s+)?([A-Za-z_]\w*)/, kind: "const" },
  { re: /^\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+([A-Za-z_]\w*)/, kind: "module" },
  { re: /^\s*macro_rules!\s*([A-Za-z_]\w*)/, kind: "function" },
];

const JAVA_MODIFIERS = "(?:(?:public|private|protected|static|final|abstract|sealed|non-sealed|strictfp|default)\\s+)*";
const JAVA_RULES: Rule[] = [
  { re: new RegExp(`^\\s*${JAVA_MODIFIERS}(?:class|record)\\s+([A-Za-z_$][\\w$]*)`), kind: "class" },
  { re: new RegExp(`^\\s*${JAVA_MODIFIERS}(?:interface|@interface)\\s+([A-Za-z_$][\\w$]*)`), kind: "interface" },
  { re: new RegExp(`^\\s*${JAVA_MODIFIERS}enum\\s+([A-Za-z_$][\\w$]*)`), kind: "enum" },
  {
    re: new RegExp(`^\\s*${JAVA_MODIFIERS}(?:synchronized\\s+|native\\s+)*(?:<[^>]+>\\s+)?[\\w$.<>\\[\\], ?]+\\s+([A-Za-z_$][\\w$]*)\\s*\\([^;]*$`),
    kind: "method",
  },
  { re: new RegExp(`^\\s*${JAVA_MODIFIERS}static\\s+final\\s+[\\w$.<>\\[\\]]+\\s+([A-Z_][A-Z0-9_]*)\\s*=`), kind: "const" },
];

const LANGUAGES: Record<string, Rule[]> = {
  ".ts": TS_RULES,
  ".tsx": TS_RULES,
  ".mts": TS_RULES,
  ".cts": TS_RULES,
  ".js": TS_RULES,
  ".jsx": TS_RULES,
  ".mjs": TS_RULES,
  ".cjs": TS_RULES,
  ".py": PY_RULES,
  ".go": GO_RULES,
  ".rs": RUST_RULES,
  ".java": JAVA_RULES,
  ".kt": JAVA_RULES,
};

export function isIndexedSource(path: string): boolean {
  return extname(path).toLowerCase() in LANGUAGES;
}

/** Definitions in one source file, found line by line with per-language patterns (no parser needed). */
export function extractSymbols(path: string, text: string): SymbolDefinition[] {
  const rules = LANGUAGES[extname(path).toLowerCase()];
  if (!rules) return [];
  const isPython = rules === PY_RULES;
  const out: SymbolDefinition[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, "");
    if (line.length > 500 || /^\s*(\/\/|#|\*|\/\*)/.test(line)) continue;
    for (const rule of rules) {
      const m = rule.re.exec(line);
      if (!m) continue;
      let name = m[1] as string;
      let kind = rule.kind;
      if (isPython && rule.kind === "function") {
        // `def` indented under a class is a method; group 1 is the indentation there.
        kind = (m[1] as string).length > 0 ? "method" : "function";
        name = m[2] as string;
      }
      if (CONTROL.has(name)) break;
      out.push({ name, kind, line: i + 1, text: line.trim().slice(0, 200) });
      break;
    }
  }
  return out;
}
