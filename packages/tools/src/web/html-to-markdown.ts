import TurndownService from "turndown";

/** Elements that carry page chrome or code, not the content a reader wants. */
const NOISE = ["script", "style", "noscript", "nav", "footer", "iframe", "svg", "form", "button", "template", "head", "title"] as const;

type Node = TurndownService.Node;
/** The part of a DOM element the rules read (this package compiles without the DOM lib). */
interface ElementLike {
  getAttribute(name: string): string | null;
}

/** A cell's text on one line, with pipes escaped so it cannot split the row. */
function cellText(cell: Node, service: TurndownService): string {
  return service
    .turndown((cell as unknown as { innerHTML: string }).innerHTML)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|")
    .trim()
    // Turndown escapes what would start a list or heading at a line start; inside a cell it would not.
    .replace(/^\\([-+#>])/, "$1")
    .replace(/^(\d+)\\\./, "$1.");
}

/** The rows of a table (not of tables nested in it), each as its cells. */
function tableRows(table: Node): Node[][] {
  const rows: Node[][] = [];
  const visit = (node: Node) => {
    for (const child of Array.from(node.childNodes) as Node[]) {
      const name = child.nodeName;
      if (name === "TR") rows.push((Array.from(child.childNodes) as Node[]).filter((c) => c.nodeName === "TD" || c.nodeName === "TH"));
      else if (name === "THEAD" || name === "TBODY" || name === "TFOOT") visit(child);
    }
  };
  visit(table);
  return rows.filter((r) => r.length > 0);
}

/** An absolute URL for `href` on the page at `base`, or `href` unchanged when it cannot be resolved. */
function absolute(href: string, base: string | undefined): string {
  if (!base) return href;
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}

function createService(baseUrl: string | undefined): TurndownService {
  const s = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
  s.remove([...NOISE]);
  // Tables as pipe tables: turndown's core flattens them to one cell per paragraph.
  s.addRule("table", {
    filter: "table",
    replacement: (_content, node) => {
      const rows = tableRows(node).map((r) => r.map((c) => cellText(c, s)));
      if (rows.length === 0) return "";
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? "").join(" | ")} |`;
      const [head, ...body] = rows;
      return `\n\n${[line(head as string[]), line(Array(width).fill("---")), ...body.map(line)].join("\n")}\n\n`;
    },
  });
  // Links and images absolute, so the model can fetch them without knowing the page's URL.
  s.addRule("absoluteLink", {
    filter: (node) => node.nodeName === "A" && !!node.getAttribute("href"),
    replacement: (content, node) => {
      const href = absolute((node as unknown as ElementLike).getAttribute("href") as string, baseUrl);
      const text = content.trim() || href;
      return href.startsWith("javascript:") ? text : `[${text}](${href.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
    },
  });
  s.addRule("absoluteImage", {
    filter: (node) => node.nodeName === "IMG" && !!node.getAttribute("src"),
    replacement: (_content, node) => {
      const src = absolute((node as unknown as ElementLike).getAttribute("src") as string, baseUrl);
      if (src.startsWith("data:")) return "";
      const alt = ((node as unknown as ElementLike).getAttribute("alt") ?? "").replace(/[[\]]/g, "");
      return `![${alt}](${src.replace(/[()]/g, (c) => encodeURIComponent(c))})`;
    },
  });
  return s;
}

/**
 * Clean Markdown from an HTML page: headings, lists, tables, links and code kept; scripts, styles,
 * navigation and the head dropped. With `baseUrl` (the page's URL), relative links become absolute.
 */
export function htmlToMarkdown(html: string, baseUrl?: string): string {
  return createService(baseUrl)
    .turndown(html)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
