import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Tool } from "@codetether/core";
import { BinaryFileError } from "../errors/binary-file-error.js";
import { FileNotFoundError } from "../errors/file-not-found-error.js";
import { ToolInputError } from "../errors/tool-input-error.js";
import { realPathOfNearest, resolveWorkspacePath } from "../guard/workspace-guard.js";
import { defaultSpillDir } from "../output/output-budget.js";
import { requirePermission } from "../permissions/require-permission.js";
import { defineTool } from "../registry/define-tool.js";
import { displayPath } from "./display-path.js";
import { hashContent } from "./file-read-tracker.js";
import { trackerOf, type FileToolOptions } from "./file-tool-options.js";
import { similarNames } from "./load-edit-target.js";
import { decodeText, isBinaryContent } from "./text-format.js";

export interface ReadFileArgs {
  path: string;
  offset?: number;
  limit?: number;
}

export const READ_FILE_DEFAULT_LIMIT = 1000;
const MAX_OUTPUT_BYTES = 48 * 1024;
const MAX_LINE_CHARS = 2000;
/** Files above this are streamed line by line instead of loaded whole. */
const STREAM_ABOVE_BYTES = 8 * 1024 * 1024;

function formatLine(n: number, line: string): string {
  const body = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… [line cut: ${line.length} chars]` : line;
  return `${String(n).padStart(6)}\t${body}`;
}

/** Renders lines `from`… (1-based) within the byte budget; returns the text and the last line shown. */
function render(lines: string[], from: number): { text: string; last: number } {
  let bytes = 0;
  const out: string[] = [];
  let last = from - 1;
  for (let i = 0; i < lines.length; i++) {
    const formatted = formatLine(from + i, lines[i] as string);
    bytes += Buffer.byteLength(formatted) + 1;
    if (bytes > MAX_OUTPUT_BYTES && out.length > 0) break;
    out.push(formatted);
    last = from + i;
  }
  return { text: out.join("\n"), last };
}

export function createReadFileTool(options: FileToolOptions = {}): Tool<ReadFileArgs> {
  return defineTool<ReadFileArgs>({
    name: "read_file",
    description:
      "Read a text file. Lines come numbered (`     1\\tcontent`); numbers are not part of the file. " +
      `Reads ${READ_FILE_DEFAULT_LIMIT} lines by default; use offset (1-based start line) and limit for more. ` +
      "Binary files are detected and refused. Read a file before editing it.",
    readOnly: true,
    parameters: {
      type: "object",
      properties: {
        path: { type: "string", description: "File path, relative to the workspace root or absolute." },
        offset: { type: "integer", minimum: 1, description: "1-based line number to start at (default 1)." },
        limit: { type: "integer", minimum: 1, description: `Maximum number of lines (default ${READ_FILE_DEFAULT_LIMIT}).` },
      },
      required: ["path"],
      additionalProperties: false,
    },
    async execute(args, ctx) {
      const tracker = trackerOf(options);
      const absolute = await resolveWorkspacePath(ctx, args.path, {
        toolName: "read_file",
        extraRoots: [options.spillDir ?? defaultSpillDir()],
      });
      const display = displayPath(ctx, absolute);
      await requirePermission(ctx, { permission: "read", pattern: display, title: `Read ${display}` }, "read_file");
      const real = await realPathOfNearest(absolute);
      let info;
      try {
        info = await stat(real);
      } catch {
        throw new FileNotFoundError(display, await similarNames(absolute));
      }
      if (info.isDirectory()) throw new ToolInputError(`${display} is a directory; use list_dir to see its entries.`, { field: "path" });
      const offset = args.offset ?? 1;
      const limit = args.limit ?? READ_FILE_DEFAULT_LIMIT;

      if (info.size > STREAM_ABOVE_BYTES) {
        const handle = await open(real, "r");
        try {
          const head = Buffer.alloc(8000);
          const { bytesRead } = await handle.read(head, 0, head.length, 0);
          if (isBinaryContent(head.subarray(0, bytesRead))) throw new BinaryFileError(display, info.size);
        } finally {
          await handle.close();
        }
        const lines: string[] = [];
        let n = 0;
        const rl = createInterface({ input: createReadStream(real, { encoding: "utf8" }), crlfDelay: Infinity });
        for await (const line of rl) {
          n++;
          if (n >= offset) lines.push(line);
          if (lines.length >= limit) break;
        }
        rl.close();
        tracker.record(real, { mtimeMs: info.mtimeMs, size: info.size });
        if (lines.length === 0) throw new ToolInputError(`offset ${offset} is past the end of ${display} (${n} lines).`, { field: "offset" });
        const { text, last } = render(lines, offset);
        return {
          output: `${text}\n\n(Large file: ${(info.size / 1048576).toFixed(1)} MiB. Showed lines ${offset}–${last}; continue with offset=${last + 1}, or use grep to find what you need.)`,
          title: display,
          metadata: { path: display, startLine: offset, endLine: last, large: true },
        };
      }

      const handle = await open(real, "r");
      let raw: Buffer;
      try {
        raw = await handle.readFile();
      } finally {
        await handle.close();
      }
      if (isBinaryContent(raw)) throw new BinaryFileError(display, raw.length);
      tracker.record(real, { mtimeMs: info.mtimeMs, size: info.size, hash: hashContent(raw) });
      const { text: content } = decodeText(raw);
      if (content === "") return { output: `(${display} is empty)`, title: display, metadata: { path: display, totalLines: 0 } };
      const all = content.endsWith("\n") ? content.slice(0, -1).split("\n") : content.split("\n");
      if (offset > all.length) throw new ToolInputError(`offset ${offset} is past the end of ${display} (${all.length} lines).`, { field: "offset" });
      const { text, last } = render(all.slice(offset - 1, offset - 1 + limit), offset);
      const footer =
        last < all.length
          ? `\n\n(${display} has ${all.length} lines; showed ${offset}–${last}. Continue with offset=${last + 1}.)`
          : offset > 1
            ? `\n\n(End of file: ${all.length} lines.)`
            : "";
      return {
        output: text + footer,
        title: display,
        metadata: { path: display, startLine: offset, endLine: last, totalLines: all.length },
      };
    },
  });
}
