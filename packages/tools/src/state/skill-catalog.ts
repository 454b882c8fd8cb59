import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

export interface Skill {
  name: string;
  description: string;
  /** The SKILL.md file. */
  path: string;
  /** Where it was found: the project's `.codetether/skills` or the user's config dir. */
  source: "project" | "user";
}

export interface SkillDocument extends Skill {
  /** The instructions after the front matter. */
  body: string;
}

/** Splits `---`-delimited front matter of `key: value` lines from the Markdown body. */
export function parseSkillFile(text: string): { meta: Record<string, string>; body: string } {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!match) return { meta: {}, body: text };
  const meta: Record<string, string> = {};
  for (const line of (match[1] as string).split(/\r?\n/)) {
    const kv = /^([A-Za-z0-9_-]+)\s*:\s*(.*)$/.exec(line);
    if (kv) meta[kv[1] as string] = (kv[2] as string).trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { meta, body: text.slice(match[0].length) };
}

/**
 * Skills: folders holding a SKILL.md whose front matter names and describes them. Project skills
 * (`<root>/.codetether/skills`) shadow user skills of the same name.
 */
export class SkillCatalog {
  constructor(private readonly dirs: { dir: string; source: Skill["source"] }[]) {}

  async list(): Promise<SkillDocument[]> {
    const byName = new Map<string, SkillDocument>();
    for (const { dir, source } of this.dirs) {
      let entries: string[];
      try {
        entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name);
      } catch {
        continue; // a missing skills directory just means no skills there
      }
      for (const folder of entries.sort()) {
        const path = join(dir, folder, "SKILL.md");
        let text: string;
        try {
          text = await readFile(path, "utf8");
        } catch {
          continue;
        }
        const { meta, body } = parseSkillFile(text);
        const name = meta.name || folder;
        if (!byName.has(name)) byName.set(name, { name, description: meta.description ?? "", path, source, body });
      }
    }
    return [...byName.values()];
  }
}
