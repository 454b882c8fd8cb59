import { readFileSync } from "node:fs";
import { loadConfig } from "@codetether/core";
import { RlmExecutor, joinFiles, type NamedText } from "@codetether/rlm";
import { printErr, printJson, printOut } from "../cli/output.js";
import { UsageError } from "../cli/usage-error.js";
import type { RlmArgs } from "../commands/rlm-command.js";
import { resolveRunModel } from "../run/resolve-run-model.js";
import { displayPath, expandFileArgs } from "./expand-file-args.js";
import { formatRlmResult } from "./format-rlm-result.js";
import { NoMatchingFilesError } from "./no-matching-files-error.js";

const EXIT_ABORTED = 130;

async function readStdin(): Promise<string> {
  // Without a pipe, the read would wait silently for typed input.
  if (process.stdin.isTTY) printErr("Reading the content from the terminal: end it with Ctrl-D (or pipe it: cat app.log | codetether rlm …).");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Files named by `-f`, binaries skipped (with a note), joined under `=== FILE: path ===` markers. */
function readFiles(patterns: string[], cwd: string): NamedText[] {
  const files: NamedText[] = [];
  for (const file of expandFileArgs(patterns, cwd)) {
    const data = readFileSync(file);
    if (data.subarray(0, 8192).includes(0)) {
      printErr(`skipping binary file ${displayPath(file, cwd)}`);
      continue;
    }
    files.push({ path: displayPath(file, cwd), text: data.toString("utf8") });
  }
  if (files.length === 0) throw new NoMatchingFilesError(patterns.join(" "), "only binary files matched");
  return files;
}

/** `codetether rlm`: loads the content, resolves the model, runs the RLM and prints the result. */
/**
 * `-f` takes every value after it, so `rlm -f app.log "why?"` leaves the question as the last
 * file. Without a query, a last -f value that names no file is the question.
 */
function splitQuery(args: RlmArgs, cwd: string): { query: string; patterns: string[] } {
  const patterns = args.file ?? [];
  const query = (args.query ?? "").trim();
  const last = patterns[patterns.length - 1];
  if (query || last === undefined || (patterns.length < 2 && args.content === undefined)) return { query, patterns };
  try {
    expandFileArgs([last], cwd);
    return { query, patterns };
  } catch (error) {
    if (!(error instanceof NoMatchingFilesError)) throw error;
    return { query: last.trim(), patterns: patterns.slice(0, -1) };
  }
}

export async function runRlm(args: RlmArgs, cwd: string): Promise<void> {
  const { query, patterns } = splitQuery(args, cwd);
  if (!query) throw new UsageError('Give a question: codetether rlm "what happened?" -f app.log');
  if (patterns.length === 0 && args.content === undefined) {
    throw new UsageError("Give the content to explore: -f <file, directory or glob> (repeatable), or --content - to read stdin.");
  }
  if (args.maxIterations !== undefined && (!Number.isInteger(args.maxIterations) || args.maxIterations < 1)) {
    throw new UsageError(`--max-iterations must be a whole number of at least 1, got ${String(args.maxIterations)}.`);
  }
  const parts: string[] = [];
  if (args.content !== undefined) parts.push(args.content === "-" ? await readStdin() : args.content);
  if (patterns.length > 0) parts.push(joinFiles(readFiles(patterns, cwd)));
  const content = parts.join("\n");
  if (content.trim() === "") throw new UsageError("The content is empty: nothing to explore.");

  const { config } = loadConfig({ cwd });
  // --model, then the [rlm] table's model, then the default model.
  const resolved = await resolveRunModel(config, args.model ?? config.rlm?.model);
  const maxIterations = args.maxIterations ?? config.rlm?.max_iterations;
  const maxSubcalls = config.rlm?.max_subcalls;
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const executor = new RlmExecutor({
      content,
      provider: resolved.provider,
      model: resolved.model,
      ...(maxIterations !== undefined ? { maxIterations } : {}),
      ...(maxSubcalls !== undefined ? { maxSubcalls } : {}),
      ...(args.mode ? { mode: args.mode } : {}),
      ...(args.verbose
        ? {
            onEvent: (event) => {
              if (event.type === "iteration") printErr(`— iteration ${event.iteration}`);
              if (event.type === "command") printErr(`>>> ${event.source}\n${event.output.split("\n").slice(0, 3).join("\n")}`);
              if (event.type === "subcall") printErr(`  llm_query: ${event.question} (${event.sliceChars} chars)`);
            },
          }
        : {}),
    });
    const result = await executor.analyze(query, { signal: controller.signal });
    if (args.json) printJson({ ...result, model: resolved.ref });
    else printOut(formatRlmResult(result, resolved.ref));
    // Ctrl-C still prints what was found, but scripts must see that the run was interrupted.
    if (result.stopReason === "aborted") process.exitCode = EXIT_ABORTED;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
