import type { CatalogModelInfo } from "@codetether/providers";

const COLUMNS = ["MODEL", "CONTEXT", "MAX OUT", "TOOLS", "VISION", "REASONING", "IN $/M", "CACHED $/M", "OUT $/M"] as const;
const RIGHT_ALIGNED = new Set<string>(["CONTEXT", "MAX OUT", "IN $/M", "CACHED $/M", "OUT $/M"]);

/** A plain-text table, one model per row; `*` marks models whose facts are defaults, not catalog data. */
export function formatModelsTable(models: CatalogModelInfo[]): string {
  const rows = models.map((m) => [
    `${m.provider}/${m.id}${m.known ? "" : " *"}`,
    m.contextWindow.toLocaleString("en-US"),
    m.maxOutputTokens.toLocaleString("en-US"),
    yesNo(m.supportsTools),
    yesNo(m.supportsVision),
    yesNo(m.supportsReasoning),
    price(m.pricing?.inputPerMTok),
    price(m.pricing?.cachedInputPerMTok),
    price(m.pricing?.outputPerMTok),
  ]);
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (RIGHT_ALIGNED.has(COLUMNS[i] as string) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  const out = [line(COLUMNS), ...rows.map(line)];
  if (models.some((m) => !m.known)) out.push("", "* not in the catalog: context and output limits are defaults, price unknown");
  return out.join("\n");
}

function yesNo(value: boolean): string {
  return value ? "yes" : "-";
}

function price(value: number | undefined): string {
  if (value === undefined) return "-";
  const text = value.toFixed(3);
  return text.endsWith("0") ? text.slice(0, -1) : text;
}
