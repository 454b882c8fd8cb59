import { splitIdentifier } from "./split-identifier.js";
import type { IndexedFile } from "./symbol-index.js";
import type { SymbolKind } from "./symbol-extractors.js";

export type MatchTier = "exact" | "prefix" | "subtoken" | "substring" | "fuzzy";

export interface CodeSearchHit {
  name: string;
  path: string;
  line: number;
  text: string;
  /** A definition, or a place where the name is used. */
  kind: SymbolKind | "use";
  tier: MatchTier;
  score: number;
}

const TIER_SCORE: Record<MatchTier, number> = { exact: 1000, prefix: 700, subtoken: 500, substring: 300, fuzzy: 100 };
/** Tie-breakers only: a type or function is a likelier target than a constant of the same name. */
const KIND_BONUS: Partial<Record<SymbolKind, number>> = { class: 0.6, interface: 0.5, function: 0.5, type: 0.4, struct: 0.5, trait: 0.5, enum: 0.4, method: 0.3 };
const USE_FACTOR = 0.4;
const K1 = 1.2;
const B = 0.75;

/** Characters of `query` appear in `name` in order; returns a tightness in (0, 1], or 0 when they do not. */
function fuzzy(query: string, name: string): number {
  let at = 0;
  let gaps = 0;
  for (const ch of query) {
    const found = name.indexOf(ch, at);
    if (found === -1) return 0;
    if (found > at) gaps += found - at;
    at = found + 1;
  }
  return query.length / (query.length + gaps);
}

interface Matcher {
  match(name: string): { tier: MatchTier; bonus: number } | undefined;
}

/**
 * Scores names against a query: exact > prefix > camelCase/snake_case sub-token match > substring >
 * fuzzy, and within a tier a BM25-style weight of the matched sub-tokens (rare words count more,
 * short names beat long ones).
 */
function matcherFor(query: string, idf: (token: string) => number, avgTokens: number): Matcher {
  const lower = query.toLowerCase();
  const compact = lower.replace(/[\s_-]+/g, "");
  const terms = splitIdentifier(query);
  return {
    match(name) {
      const lowerName = name.toLowerCase();
      if (name === query) return { tier: "exact", bonus: 10 };
      if (lowerName === lower || lowerName === compact) return { tier: "exact", bonus: 0 };
      const tokens = splitIdentifier(name);
      const lengthNorm = 1 - B + (B * tokens.length) / avgTokens;
      const bm25 = () =>
        terms.reduce((sum, t) => {
          // A whole word counts fully, a word the term only begins ("parse" in "parser") half.
          const tf = tokens.reduce((n, x) => n + (x === t ? 1 : x.startsWith(t) ? 0.5 : 0), 0);
          return sum + (tf ? (idf(t) * (tf * (K1 + 1))) / (tf + K1 * lengthNorm) : 0);
        }, 0);
      if (lowerName.startsWith(lower) || lowerName.startsWith(compact)) return { tier: "prefix", bonus: bm25() + 50 * (lower.length / lowerName.length) };
      if (terms.length > 0 && terms.every((t) => tokens.some((x) => x.startsWith(t)))) {
        // Words in the query's order ("parse config" → parse_config) beat the same words shuffled.
        const inOrder = terms.every((t, i) => i === 0 || tokens.findIndex((x) => x.startsWith(t)) > tokens.findIndex((x) => x.startsWith(terms[i - 1] as string)));
        return { tier: "subtoken", bonus: bm25() + (inOrder ? 3 : 0) };
      }
      if (compact.length >= 3 && lowerName.includes(compact)) return { tier: "substring", bonus: 20 * (compact.length / lowerName.length) };
      if (compact.length >= 3) {
        const f = fuzzy(compact, lowerName);
        if (f >= 0.35) return { tier: "fuzzy", bonus: 50 * f };
      }
      return undefined;
    },
  };
}

/** Ranks the definitions (and, below them, the uses) in `files` for `query`. */
export function rankSymbols(files: Iterable<IndexedFile>, query: string, options: { pathPrefix?: string; limit: number }): CodeSearchHit[] {
  const list = [...files].filter((f) => !options.pathPrefix || f.path === options.pathPrefix || f.path.startsWith(`${options.pathPrefix}/`));
  // Document frequency of sub-tokens over definition names, for the BM25 weight.
  const df = new Map<string, number>();
  let names = 0;
  let tokenTotal = 0;
  for (const f of list) {
    for (const d of f.definitions) {
      const tokens = new Set(splitIdentifier(d.name));
      names++;
      tokenTotal += tokens.size;
      for (const t of tokens) df.set(t, (df.get(t) ?? 0) + 1);
    }
  }
  const idf = (t: string) => {
    let n = 0;
    for (const [token, count] of df) if (token.startsWith(t)) n = Math.max(n, count);
    return Math.log(1 + (names - n + 0.5) / (n + 0.5));
  };
  const matcher = matcherFor(query, idf, names ? tokenTotal / names : 1);
  const hits: CodeSearchHit[] = [];
  for (const f of list) {
    const defined = new Set<string>();
    for (const d of f.definitions) {
      defined.add(`${d.name}:${d.line}`);
      const m = matcher.match(d.name);
      if (m) hits.push({ name: d.name, path: f.path, line: d.line, text: d.text, kind: d.kind, tier: m.tier, score: TIER_SCORE[m.tier] + m.bonus + (KIND_BONUS[d.kind] ?? 0) });
    }
    for (const [name, [line, count]] of f.uses) {
      if (defined.has(`${name}:${line}`)) continue;
      const m = matcher.match(name);
      if (!m || m.tier === "fuzzy" || m.tier === "substring") continue;
      hits.push({
        name,
        path: f.path,
        line,
        text: f.useLines.get(line) ?? "",
        kind: "use",
        tier: m.tier,
        score: (TIER_SCORE[m.tier] + m.bonus) * USE_FACTOR + Math.log2(1 + count),
      });
    }
  }
  hits.sort((a, b) => b.score - a.score || a.name.length - b.name.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return hits.slice(0, options.limit);
}
