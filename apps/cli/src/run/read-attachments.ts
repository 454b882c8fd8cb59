import { readFileSync, statSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import type { ContentPart } from "@codetether/core";
import { AttachmentError } from "./attachment-error.js";

const IMAGE_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
};
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * `-f` files as message parts: images as image parts, PDFs as file parts, anything that decodes as
 * text inline (named by path), other binaries as file parts. All are read before the run starts,
 * so a bad path fails the command without touching the session.
 */
export function readAttachments(paths: string[], cwd: string): ContentPart[] {
  return paths.map((path) => {
    const full = resolve(cwd, path);
    let size: number;
    try {
      const stat = statSync(full);
      if (!stat.isFile()) throw new AttachmentError(path, "it is not a regular file");
      size = stat.size;
    } catch (error) {
      if (error instanceof AttachmentError) throw error;
      throw new AttachmentError(path, (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message);
    }
    if (size > MAX_BYTES) throw new AttachmentError(path, `it is ${Math.round(size / 1024 / 1024)} MB; the limit is 20 MB`);
    const data = readFileSync(full);
    const ext = extname(full).toLowerCase();
    const image = IMAGE_TYPES[ext];
    if (image) return { type: "image", data: data.toString("base64"), mediaType: image };
    if (ext === ".pdf") return { type: "file", data: data.toString("base64"), mediaType: "application/pdf", filename: basename(full) };
    if (!data.includes(0)) {
      return { type: "text", text: `<file path="${path}">\n${data.toString("utf8")}\n</file>` };
    }
    return { type: "file", data: data.toString("base64"), mediaType: "application/octet-stream", filename: basename(full) };
  });
}
