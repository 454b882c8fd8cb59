import { z } from "zod";

const permissionAction = z.enum(["allow", "ask", "deny"]);

/** `bash = "ask"` or `bash = { "git *" = "allow", "rm *" = "deny" }` (rules in order, last match wins). */
const permissionRule = z.union([permissionAction, z.record(z.string(), permissionAction)]);

const providerSchema = z.strictObject({
  type: z.enum(["openai", "anthropic", "google", "github-copilot", "openai-compatible"]).optional(),
  base_url: z.url().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  models: z.array(z.string()).optional(),
  /** Name of an environment variable holding the key, for hosts the built-in list does not know. */
  api_key_env: z.string().optional(),
  organization: z.string().optional(),
  /** Context window in tokens of this provider's models; wins over the model catalog (set it for local servers, which the catalog does not know). */
  context_window: z.number().int().positive().optional(),
  /** Output token limit of this provider's models; wins over the model catalog. */
  max_output_tokens: z.number().int().positive().optional(),
});

const agentSchema = z.strictObject({
  description: z.string().optional(),
  model: z.string().optional(),
  prompt: z.string().optional(),
  tools: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_steps: z.number().int().positive().optional(),
  mode: z.enum(["primary", "subagent", "all"]).optional(),
});

export const configSchema = z.strictObject({
  /** `provider/model`; the seed default is Moonshot's Kimi. */
  default_model: z.string().optional(),
  providers: z.record(z.string(), providerSchema).optional(),
  secrets: z
    .strictObject({
      /** `vault-first`: Vault, then the local file, then environment. `vault-only`: Vault alone. */
      policy: z.enum(["vault-first", "vault-only"]).optional(),
      vault_address: z.string().optional(),
      vault_mount: z.string().optional(),
      vault_path: z.string().optional(),
      cache_ttl_seconds: z.number().int().nonnegative().optional(),
    })
    .optional(),
  session: z
    .strictObject({
      dir: z.string().optional(),
      auto_title: z.boolean().optional(),
      max_steps: z.number().int().positive().optional(),
      timeout_seconds: z.number().positive().optional(),
    })
    .optional(),
  permissions: z
    .looseObject({
      /** Answer every `ask` with yes (headless automation). */
      auto_approve: z.boolean().optional(),
    })
    .catchall(permissionRule)
    .optional(),
  ui: z
    .strictObject({
      theme: z.enum(["dark", "light", "auto"]).optional(),
      show_reasoning: z.boolean().optional(),
      color: z.boolean().optional(),
    })
    .optional(),
  a2a: z
    .strictObject({
      server_url: z.string().optional(),
      worker_name: z.string().optional(),
      listen: z.string().optional(),
      heartbeat_seconds: z.number().positive().optional(),
      codebases: z.array(z.string()).optional(),
    })
    .optional(),
  swarm: z
    .strictObject({
      max_concurrency: z.number().int().positive().optional(),
      strategy: z.enum(["auto", "domain", "data", "stage", "none"]).optional(),
      model: z.string().optional(),
      worktrees: z.boolean().optional(),
    })
    .optional(),
  ralph: z
    .strictObject({
      max_iterations: z.number().int().positive().optional(),
      model: z.string().optional(),
      quality_checks: z.array(z.string()).optional(),
      prd: z.string().optional(),
    })
    .optional(),
  rlm: z
    .strictObject({
      model: z.string().optional(),
      max_iterations: z.number().int().positive().optional(),
      max_subcalls: z.number().int().nonnegative().optional(),
      threshold_tokens: z.number().int().positive().optional(),
    })
    .optional(),
  agents: z.record(z.string(), agentSchema).optional(),
  lsp: z
    .strictObject({
      servers: z
        .record(
          z.string(),
          z.strictObject({
            command: z.array(z.string()).min(1),
            extensions: z.array(z.string()),
            env: z.record(z.string(), z.string()).optional(),
          }),
        )
        .optional(),
    })
    .optional(),
  websearch: z
    .strictObject({
      backend: z.enum(["searxng", "brave", "tavily", "none"]).optional(),
      url: z.string().optional(),
    })
    .optional(),
});

export type CodetetherConfig = z.infer<typeof configSchema>;
export type PermissionRuleConfig = z.infer<typeof permissionRule>;
export type ProviderConfig = z.infer<typeof providerSchema>;
export type AgentConfig = z.infer<typeof agentSchema>;

export const DEFAULT_MODEL = "moonshotai/kimi-k2.5";
