import TurndownService from "turndown";

/** Elements that carry page chrome or code, not the content a reader wants. */
const NOISE = ["script", "style", "noscript", "nav", "footer", "iframe", "svg", "form", "button", "template", "head"] as const;

let service: TurndownService | undefined;

/** Clean Markdown from an HTML page: headings, lists, links and code kept; scripts, styles and navigation dropped. */
export function htmlToMarkdown(html: string): string {
  service ??= (() => {
    const s = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" });
    s.remove([...NOISE]);
    return s;
  })();
  return service
    .turndown(html)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
