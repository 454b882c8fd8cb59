import picomatch from "picomatch";
import type { PermissionAction, PermissionRequest, PermissionRuleConfig } from "@codetether/core";
import { reachesOutsideWorkspace } from "./reaches-outside-workspace.js";
import { splitShellCommand } from "./split-shell-command.js";

export interface PermissionRule {
  /** Permission name (`bash`, `edit`, `read`, `external_directory`, a tool name) or `*` for all. */
  permission: string;
  /** What the rule matches: a command wildcard for commands, a glob for paths, `*` for anything. */
  pattern: string;
  action: PermissionAction;
}

/** Config `[permissions]` (core's `CodetetherConfig["permissions"]` fits). */
export type PermissionsConfig = Readonly<Record<string, PermissionRuleConfig | boolean | undefined>>;

/** Permissions whose patterns are file paths, matched as globs (picomatch). */
const PATH_PERMISSIONS = new Set(["read", "edit", "external_directory"]);
/** Permissions whose patterns are shell command lines, checked part by part. */
const COMMAND_PERMISSIONS = new Set(["bash", "task"]);

const SAFE_COMMANDS = [
  "git status*", "git diff*", "git log*", "git show*", "git branch", "git rev-parse*",
  "ls", "ls *", "pwd", "cat *", "head *", "tail *", "wc *", "grep *", "which *", "echo *",
];
const SAFE_COMMAND_RULES: readonly PermissionRule[] = SAFE_COMMANDS.map((pattern) => ({ permission: "bash", pattern, action: "allow" as const }));
/** The built-in allowances for read-only commands: they vouch for reading inside the workspace only. */
const SAFE_RULE_SET = new Set<PermissionRule>(SAFE_COMMAND_RULES);

/**
 * The defaults a cautious user expects: reading and editing inside the workspace go ahead, secrets
 * files (`.env`) and anything outside the workspace are asked about, shell commands are asked about
 * except a few read-only ones, and anything not listed is asked about.
 */
export const DEFAULT_PERMISSION_RULES: readonly PermissionRule[] = [
  { permission: "*", pattern: "*", action: "ask" },
  { permission: "read", pattern: "*", action: "allow" },
  { permission: "read", pattern: "*.env", action: "ask" },
  { permission: "read", pattern: "*.env.*", action: "ask" },
  { permission: "read", pattern: "*.env.example", action: "allow" },
  { permission: "edit", pattern: "*", action: "allow" },
  // Overwriting a secrets file loses it, and the diff shown would reveal what it held.
  { permission: "edit", pattern: "*.env", action: "ask" },
  { permission: "edit", pattern: "*.env.*", action: "ask" },
  { permission: "edit", pattern: "*.env.example", action: "allow" },
  { permission: "bash", pattern: "*", action: "ask" },
  ...SAFE_COMMAND_RULES,
  { permission: "webfetch", pattern: "*", action: "allow" },
  { permission: "websearch", pattern: "*", action: "allow" },
  { permission: "external_directory", pattern: "*", action: "ask" },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

/** `git *` matches `git`, `git status` and `git log -p`; `*` and `?` are the only wildcards. */
function wildcardToRegExp(pattern: string): RegExp {
  let source = escapeRegExp(pattern).replace(/\*/g, ".*").replace(/\?/g, ".");
  if (source.endsWith(" .*")) source = `${source.slice(0, -3)}( .*)?`;
  return new RegExp(`^${source}$`, "s");
}

const RANK: Record<PermissionAction, number> = { allow: 0, ask: 1, deny: 2 };

/**
 * Ordered `allow | ask | deny` rules; the last rule that matches a request decides. Shell commands
 * are split into their parts and the strictest part's answer wins, so prefix rules cannot be
 * chained around.
 */
export class PermissionRules {
  private readonly rules: PermissionRule[];
  private readonly matchers = new Map<string, (value: string) => boolean>();

  constructor(rules: Iterable<PermissionRule> = []) {
    this.rules = [...rules];
  }

  /** The built-in defaults (see `DEFAULT_PERMISSION_RULES`). */
  static defaults(): PermissionRules {
    return new PermissionRules(DEFAULT_PERMISSION_RULES);
  }

  /**
   * Rules from config `[permissions]`, appended after the defaults so they win:
   * `bash = "ask"` is one rule for every command; `bash = { "git *" = "allow" }` one per entry, in order.
   */
  static fromConfig(config: PermissionsConfig | undefined, options: { defaults?: boolean } = {}): PermissionRules {
    const rules: PermissionRule[] = options.defaults === false ? [] : [...DEFAULT_PERMISSION_RULES];
    for (const [permission, value] of Object.entries(config ?? {})) {
      if (permission === "auto_approve" || value === undefined || typeof value === "boolean") continue;
      if (typeof value === "string") rules.push({ permission, pattern: "*", action: value });
      else for (const [pattern, action] of Object.entries(value)) rules.push({ permission, pattern, action });
    }
    return new PermissionRules(rules);
  }

  /** A new rule set with `rules` appended (so they take precedence). */
  with(rules: Iterable<PermissionRule>): PermissionRules {
    return new PermissionRules([...this.rules, ...rules]);
  }

  list(): readonly PermissionRule[] {
    return this.rules;
  }

  /** The action for a request: the last matching rule's, or `ask` when nothing matches. */
  evaluate(request: Pick<PermissionRequest, "permission" | "pattern">): PermissionAction {
    if (COMMAND_PERMISSIONS.has(request.permission)) {
      const { parts, hasSubstitution, hasRedirect } = splitShellCommand(request.pattern);
      if (parts.length === 0) return this.evaluateOne(request.permission, request.pattern);
      let worst: PermissionAction = "allow";
      for (const part of parts) {
        let action = this.evaluateOne(request.permission, part);
        // Only a catch-all rule may vouch for a command whose inner commands it cannot see, or that
        // writes a file through a redirection (`echo x > ~/.bashrc` is not the `echo *` it looks like).
        if (action === "allow" && (hasSubstitution || hasRedirect) && this.lastMatch(request.permission, part)?.pattern !== "*") action = "ask";
        // `cat *` is allowed as a read inside the workspace, not as `cat ~/.ssh/id_rsa` or `cat .env`.
        if (action === "allow" && SAFE_RULE_SET.has(this.lastMatch(request.permission, part) as PermissionRule) && reachesOutsideWorkspace(part)) {
          action = "ask";
        }
        if (RANK[action] > RANK[worst]) worst = action;
      }
      return worst;
    }
    return this.evaluateOne(request.permission, request.pattern);
  }

  private evaluateOne(permission: string, value: string): PermissionAction {
    return this.lastMatch(permission, value)?.action ?? "ask";
  }

  private lastMatch(permission: string, value: string): PermissionRule | undefined {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i] as PermissionRule;
      if (rule.permission !== "*" && rule.permission !== permission) continue;
      if (this.matches(permission, rule.pattern, value)) return rule;
    }
    return undefined;
  }

  private matches(permission: string, pattern: string, value: string): boolean {
    if (pattern === "*" || pattern === "**") return true;
    const key = `${PATH_PERMISSIONS.has(permission) ? "p" : "w"}\0${pattern}`;
    let matcher = this.matchers.get(key);
    if (!matcher) {
      if (PATH_PERMISSIONS.has(permission)) {
        // A pattern without a slash matches the file name anywhere (`*.env` catches `config/.env`).
        const isMatch = picomatch(pattern, { dot: true, basename: !pattern.includes("/") });
        matcher = (v) => isMatch(v.replace(/\\/g, "/"));
      } else {
        const re = wildcardToRegExp(pattern);
        matcher = (v) => re.test(v);
      }
      this.matchers.set(key, matcher);
    }
    return matcher(value);
  }
}
