import type { Tool, ToolContext, ToolResult } from "@codetether/core";
import { requirePermission } from "../permissions/require-permission.js";
import { fetchPage, parseHttpUrl } from "./fetch-page.js";
import { htmlToMarkdown } from "./html-to-markdown.js";
import { htmlToText } from "./html-to-text.js";

export interface WebfetchArgs {
  url: string;
  format: "markdown" | "text" | "html";
  max_chars?: number;
}

export interface WebfetchToolOptions {
  timeoutMs?: number;
  maxRedirects?: number;
  /** Bytes of response body downloaded at most. */
  maxBytes?: number;
  /** Characters returned when the call does not say. */
  defaultMaxChars?: number;
  userAgent?: string;
}

/** Media and archives would arrive as mojibake; the model gets a description instead. */
function isBinaryType(contentType: string): boolean {
  return /^(image|audio|video|font)\//i.test(contentType) || /application\/(octet-stream|pdf|zip|gzip|x-tar|wasm)/i.test(contentType);
}

function isHtml(contentType: string, body: string): boolean {
  if (/html/i.test(contentType)) return true;
  return contentType === "" && /^\s*(<!doctype html|<html)/i.test(body);
}

/** `webfetch`: downloads an http(s) page and returns it as Markdown, plain text or raw HTML. */
export function createWebfetchTool(options: WebfetchToolOptions = {}): Tool<WebfetchArgs> {
  const defaultMaxChars = options.defaultMaxChars ?? 50_000;
  return {
    name: "webfetch",
    description:
      "Fetch an http(s) URL and return its content as markdown (HTML converted, scripts/styles/navigation removed), " +
      "plain text, or raw html. Fails with the HTTP status on 4xx/5xx.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        url: { type: "string", description: "Absolute http:// or https:// URL." },
        format: { type: "string", enum: ["markdown", "text", "html"], description: "How to return the page." },
        max_chars: { type: "integer", minimum: 1, description: `Characters returned at most (default ${defaultMaxChars}).` },
      },
      required: ["url", "format"],
      additionalProperties: false,
    },
    async execute(args: WebfetchArgs, ctx: ToolContext): Promise<ToolResult> {
      const url = parseHttpUrl(args.url).href;
      await requirePermission(ctx, { permission: "webfetch", pattern: url, title: `Fetch ${url}` }, "webfetch");
      const page = await fetchPage(url, {
        timeoutMs: options.timeoutMs ?? 30_000,
        maxRedirects: options.maxRedirects ?? 5,
        maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
        signal: ctx.signal,
        headers: {
          "user-agent": options.userAgent ?? "codetether-agent (webfetch)",
          accept: args.format === "html" ? "text/html,*/*;q=0.8" : "text/html,text/plain,text/markdown,*/*;q=0.8",
        },
      });
      if (isBinaryType(page.contentType)) {
        return {
          output: `${page.url} is binary content (${page.contentType}, ${page.body.length} characters read); it cannot be shown as text.`,
          title: page.url,
          metadata: { url: page.url, status: page.status, contentType: page.contentType, redirects: page.redirects, truncated: page.truncated },
        };
      }
      const html = isHtml(page.contentType, page.body);
      const content =
        args.format === "html" || !html ? page.body : args.format === "markdown" ? htmlToMarkdown(page.body, page.url) : htmlToText(page.body);
      const maxChars = args.max_chars ?? defaultMaxChars;
      const notes: string[] = [];
      if (page.truncated) notes.push("the page was larger than the download limit and was cut");
      let output = content;
      if (output.length > maxChars) {
        notes.push(`showing the first ${maxChars} of ${content.length} characters; raise max_chars to see more`);
        output = output.slice(0, maxChars);
      }
      const note = notes.length ? `\n\n[${notes.join("; ")}]` : "";
      return {
        output: `${output}${note}`,
        title: page.url,
        metadata: { url: page.url, status: page.status, contentType: page.contentType, redirects: page.redirects, truncated: page.truncated },
      };
    },
  };
}

export const webfetchTool = createWebfetchTool();
