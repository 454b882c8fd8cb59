export interface NamedText {
  path: string;
  text: string;
}

/**
 * Joins files into one context, each under a `=== FILE: path ===` marker line, so grep hits and
 * chunks can be traced back to their file (chunking also treats the marker as a hard boundary).
 */
export function joinFiles(files: NamedText[]): string {
  return files.map((f) => `=== FILE: ${f.path} ===\n${f.text.endsWith("\n") || f.text === "" ? f.text : `${f.text}\n`}`).join("");
}
