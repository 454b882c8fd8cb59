import { redact } from "@codetether/secrets";
import { join } from "node:path";
import {
  buildSystemPrompt,
  checkAgentTools,
  generateTitle,
  getAgent,
  loadAgents,
  runAgent,
  SessionStore,
  subagentTool,
  type AgentEvent,
  type RunAgentResult,
  type SessionInfo,
} from "@codetether/agent-loop";
import { addUsage, dataDir, findGitRoot, loadConfig, type ContentPart, type Message, type Usage } from "@codetether/core";
import { calculateCost } from "@codetether/providers";
import { createBuiltinTools, createPermissionGate, PermissionRules, PlanModeState, ToolRegistry } from "@codetether/tools";
import type { RunArgs } from "../commands/run-command.js";
import { printErr, printOut } from "../cli/output.js";
import { UsageError } from "../cli/usage-error.js";
import { planModeOf } from "./plan-mode-of.js";
import { checkAttachmentsFit } from "./check-attachments-fit.js";
import { meteredCondenser } from "./metered-condenser.js";
import { meteredRlmTool } from "./metered-rlm-tool.js";
import { readAttachments } from "./read-attachments.js";
import { resolveRunModel } from "./resolve-run-model.js";
import { textProgress } from "./text-progress.js";
import { ttyPermissionPrompt, type Grant } from "./tty-permission-prompt.js";
import { ttyQuestionPrompt } from "./tty-question-prompt.js";

const EXIT_ABORTED = 130;

/** `codetether run`: one prompt through the agent loop, recorded in a session. Returns the exit code. */
/** Whether the jsonl view has printed its closing `done` line (the command's error path checks it). */
let jsonlDoneEmitted = false;

export function hasEmittedDone(): boolean {
  return jsonlDoneEmitted;
}

export async function runPrompt(args: RunArgs, cwd: string): Promise<number> {
  const format = args.format ?? "text";
  const prompt = await promptText(args.prompt);
  const attachments = readAttachments(args.file ?? [], cwd);
  if (!prompt && attachments.length === 0) {
    throw new UsageError('Give a prompt: codetether run "what to do" (or pipe it on stdin).');
  }
  const { config } = loadConfig({ cwd });
  const agents = loadAgents({ cwd, config });
  const store = new SessionStore({ cwd, dataDir: config.session?.dir ?? dataDir() });

  let session: SessionInfo | undefined;
  let history: Message[] = [];
  let grants: Grant[] = [];
  if (args.session) {
    const loaded = await store.load(args.session);
    session = loaded.info;
    history = loaded.context;
    grants = loaded.grants;
  } else if (args.continue) {
    const latest = await store.latest();
    if (latest) {
      const loaded = await store.load(latest.id);
      session = loaded.info;
      history = loaded.context;
      grants = loaded.grants;
    } else if (format === "text") {
      printErr("No earlier session in this repository: starting a new one.");
    }
  }
  const agent = getAgent(agents, args.agent ?? session?.agent ?? "build");
  const resolved = await resolveRunModel(config, args.model ?? (args.session || args.continue ? session?.model : undefined) ?? agent.model);

  checkAttachmentsFit(attachments, args.file ?? [], resolved.info);

  const root = findGitRoot(cwd) ?? cwd;
  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const gate = createPermissionGate({
    rules: PermissionRules.fromConfig(config.permissions),
    ...(interactive
      ? {
          ask: ttyPermissionPrompt(process.stdin, process.stderr, {
            granted: grants,
            // Asked only during the run, when the session exists.
            onAlways: (grant) => session && store.appendGrant(session.id, grant.permission, grant.pattern),
          }),
        }
      : {}),
    autoApprove: args.yes === true || config.permissions?.auto_approve === true,
  });
  // RLM explores tool results too big for the window, and answers questions over big files as a tool.
  const rlmModel = config.rlm?.model ? await resolveRunModel(config, config.rlm.model) : resolved;
  const rlmLimits = {
    ...(config.rlm?.max_iterations ? { maxIterations: config.rlm.max_iterations } : {}),
    ...(config.rlm?.max_subcalls !== undefined ? { maxSubcalls: config.rlm.max_subcalls } : {}),
  };
  // Priced at the RLM's model, which may differ from the run's.
  const priceRlm = (usage: Usage) => (rlmModel.info.pricing ? calculateCost(rlmModel.info, usage) : undefined);
  const condenser = meteredCondenser({ provider: rlmModel.provider, model: rlmModel.model, ...rlmLimits }, priceRlm);
  /** How a sub-agent's own steps are shown (text mode: its tool calls, indented under the parent's). */
  let subagentView: ((event: AgentEvent) => void) | undefined;
  const priceUsage = (usage: Usage) => (resolved.info.pricing ? calculateCost(resolved.info, usage) : undefined);
  let tools: ToolRegistry | undefined;
  const planMode = new PlanModeState(planModeOf(history));
  if (args.tools !== false) {
    const spillDir = join(dataDir(), "tool-output");
    const registry: ToolRegistry = new ToolRegistry(
      createBuiltinTools({
        root,
        spillDir,
        planMode,
        registry: () => registry,
        ...(config.lsp?.servers ? { lspServers: config.lsp.servers } : {}),
        ...(config.websearch?.backend === "searxng" && config.websearch.url ? { websearch: { backend: "searxng" as const, url: config.websearch.url } } : {}),
      }),
      { outputBudget: { spillDir } },
    );
    registry.register(meteredRlmTool({ provider: rlmModel.provider, model: rlmModel.model, ...rlmLimits }, priceRlm));
    registry.register(
      subagentTool({
        provider: resolved.provider,
        model: resolved.info,
        tools: registry,
        agents,
        cwd,
        permissions: gate,
        condenser,
        calculateCost: priceUsage,
        onEvent: (event) => subagentView?.(event),
      }),
    );
    tools = registry;
    try {
      checkAgentTools(agent, registry.definitions().map((d) => d.name));
    } catch (error) {
      await disposeTools(tools);
      throw error;
    }
  }
  // Only now, with every model resolved and the agent's tools checked, is a new session worth creating.
  const isNew = !session;
  session ??= await store.create({ model: resolved.ref, agent: agent.name });

  const userContent: ContentPart[] = [...(prompt ? [{ type: "text" as const, text: prompt }] : []), ...attachments];
  const userMessage: Message = { role: "user", content: userContent };
  await store.appendMessage(session.id, userMessage);

  const recorder = store.recorder(session.id);
  const streamToTty = format === "text" && Boolean(process.stdout.isTTY);
  const view =
    format === "jsonl"
      ? (event: AgentEvent) => {
          if (event.type === "done") jsonlDoneEmitted = true;
          printOut(JSON.stringify(event));
        }
      : format === "text"
        ? textProgress({ write: (l) => printErr(l), ...(streamToTty ? { streamAnswer: (t: string) => process.stdout.write(redact(t)) } : {}) })
        : () => undefined;
  if (format === "text") subagentView = textProgress({ write: (l) => printErr(`    ${l}`) });

  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(EXIT_ABORTED);
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);

  let result: RunAgentResult;
  try {
    result = await runAgent({
      provider: resolved.provider,
      model: resolved.info,
      agent,
      system: await buildSystemPrompt({ agent, cwd }),
      messages: [...history, userMessage],
      ...(tools ? { tools } : {}),
      root,
      cwd,
      signal: controller.signal,
      permissions: gate,
      // The question tool asks the person at the terminal; headless, it reports that no one can answer.
      ...(interactive ? { ask: ttyQuestionPrompt(process.stdin, process.stderr) } : {}),
      planMode,
      condenser,
      sessionId: session.id,
      ...(args.maxSteps ?? config.session?.max_steps ? { maxSteps: args.maxSteps ?? config.session?.max_steps } : {}),
      ...(config.session?.timeout_seconds ? { timeoutMs: config.session.timeout_seconds * 1000 } : {}),
      calculateCost: priceUsage,
      onEvent: (event) => {
        recorder.onEvent(event);
        view(event);
      },
      onContext: (messages) => recorder.onContext(messages),
    });
  } finally {
    process.off("SIGINT", onSigint);
    process.off("SIGTERM", onSigint);
    await disposeTools(tools);
  }
  await recorder.flush();

  if (format === "json") {
    printOut(
      JSON.stringify(
        {
          sessionId: session.id,
          text: result.text,
          reason: result.reason,
          steps: result.steps,
          usage: result.usage,
          ...(result.cost !== undefined ? { cost: result.cost } : {}),
          model: resolved.ref,
          agent: agent.name,
          ...(result.error ? { error: result.error.toJSON() } : {}),
        },
        null,
        2,
      ),
    );
  } else if (format === "text") {
    if (streamToTty) {
      if (result.text && !result.text.endsWith("\n")) process.stdout.write("\n");
    } else if (result.text) {
      printOut(result.text);
    }
    if (result.reason === "done" && !result.text) printErr("(the model finished without a written answer)");
    if (result.error) printErr(`error: ${result.error.describe()}`);
    printErr(`Session ${session.id}${result.reason === "done" ? "" : ` (stopped: ${result.reason}; continue with codetether run -c)`}`);
  }
  // After the answer is out: the title call must not hold it back (a slow local model takes seconds).
  if (isNew && result.reason === "done" && config.session?.auto_title !== false) {
    const titleCall: { usage?: Usage } = {};
    const title = await generateTitle({
      provider: resolved.provider,
      model: resolved.model,
      messages: [userMessage, ...result.newMessages],
      signal: AbortSignal.timeout(10_000),
      onUsage: (usage) => (titleCall.usage = usage),
    });
    await store.setTitle(session.id, title);
    const titleUsage = titleCall.usage;
    if (titleUsage) {
      const titleCost = priceUsage(titleUsage);
      const totalCost = result.cost !== undefined || titleCost !== undefined ? (result.cost ?? 0) + (titleCost ?? 0) : undefined;
      await store.appendEvent(session.id, {
        type: "usage",
        step: result.steps,
        usage: titleUsage,
        ...(titleCost !== undefined ? { cost: titleCost } : {}),
        totalUsage: addUsage(result.usage, titleUsage),
        ...(totalCost !== undefined ? { totalCost } : {}),
        source: "title",
      });
    }
  }
  if (result.reason === "done") return 0;
  return result.reason === "aborted" ? EXIT_ABORTED : 1;
}

/** Language servers and background tasks started by tools must not outlive the run. */
async function disposeTools(tools: ToolRegistry | undefined): Promise<void> {
  if (!tools) return;
  await Promise.allSettled(
    tools.list().map((tool) => {
      const dispose = (tool as { dispose?: () => Promise<void> }).dispose;
      return typeof dispose === "function" ? dispose.call(tool) : undefined;
    }),
  );
}

async function promptText(words: string[] | undefined): Promise<string> {
  const fromArgs = (words ?? []).join(" ").trim();
  if (fromArgs || process.stdin.isTTY) return fromArgs;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").trim();
}
