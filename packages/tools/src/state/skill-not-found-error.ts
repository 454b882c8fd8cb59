import { CodetetherError } from "@codetether/core";

/** A `skill` load named a skill that does not exist (or the name was missing). */
export class SkillNotFoundError extends CodetetherError {
  constructor(name: string | undefined, known: string[]) {
    super(
      "skill_not_found",
      name ? `No skill named "${name}".` : 'The skill action "load" needs a "name".',
      { hint: known.length ? `Available skills: ${known.join(", ")}.` : "No skills are installed (.codetether/skills/<name>/SKILL.md)." },
    );
  }
}
