import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startOpenAIServer } from "@codetether/fixtures";
import { createProvider } from "@codetether/providers";
import { ContentIndex, Repl, RlmExecutor, detectContentType, parseCommands } from "@codetether/rlm";
import { type BenchRow, compareTimes, defineBench, row, runCommand } from "./harness.js";

type Kind = "logs" | "code";

interface Haystack {
  text: string;
  needle: string;
  needleLine: number;
  /** A pattern with many hits, for count(). */
  common: string;
}

/** Needle in a haystack: a varied block of 1,000 lines repeated to `bytes`, one unique line in the middle. */
function haystack(kind: Kind, bytes: number): Haystack {
  const block =
    kind === "logs"
      ? Array.from({ length: 1_000 }, (_, i) => {
          const level = i % 97 === 0 ? "ERROR" : i % 13 === 0 ? "WARN " : "INFO ";
          return `2026-11-02T09:${String(Math.floor(i / 17) % 60).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}.000Z ${level} svc-${i % 7} request id=${i} status=${level === "ERROR" ? 500 : 200} took=${i % 89}ms\n`;
        }).join("")
      : Array.from({ length: 100 }, (_, i) => `/** Handles case ${i}. */\nexport function handle${i}(input: Input): Output {\n  const value = input.items[${i}] ?? 0;\n  if (value > ${i}) {\n    return { ok: true, value: value * 2 };\n  }\n  log.debug("case ${i}", value);\n  return { ok: false, value };\n}\n\n`).join("");
  const needle = kind === "logs" ? "FATAL ledger checksum mismatch account=ACC-90210" : "function reconcileLedgerChecksum7f3a(";
  const needleText = kind === "logs" ? `2026-11-02T13:27:05.118Z ${needle} expected=7f3a got=0c11\n` : `export ${needle}ledger: Ledger): void {\n  throw new Error("unreachable");\n}\n`;
  const copies = Math.max(2, Math.round(bytes / block.length));
  const before = Math.floor(copies / 2);
  const blockLines = block.split("\n").length - 1;
  return {
    text: block.repeat(before) + needleText + block.repeat(copies - before),
    needle,
    needleLine: before * blockLines + 1,
    common: kind === "logs" ? "ERROR" : "export function",
  };
}

function hasCommand(cmd: string): boolean {
  return spawnSync(cmd, ["--version"], { stdio: "ignore" }).status === 0;
}

const noSubcalls = async (): Promise<string> => "";

/** A scripted exploration, as a model would run it: look, search, read around the hit, ask a sub-call, answer. */
async function exploration(kind: Kind, hay: Haystack): Promise<{ contentChars: number; charsSent: number; found: boolean }> {
  const server = await startOpenAIServer();
  try {
    const escaped = hay.needle.replace(/[()]/g, "\\\\$&");
    server.enqueue(
      { text: '```repl\ncontext()\nhead(5)\nchunks()\n```' },
      { text: `\`\`\`repl\nhits = grep("${escaped}")\ncount("${hay.common}")\n\`\`\`` },
      { text: `\`\`\`repl\nnear = lines(${hay.needleLine - 20}, ${hay.needleLine + 20})\nllm_query("What is unusual here?", near)\n\`\`\`` },
      { text: "The line with the needle is unusual." },
      { text: `FINAL("line ${hay.needleLine}")` },
    );
    const provider = createProvider({ id: "bench", type: "openai-compatible", baseUrl: `${server.url}/v1` });
    const result = await new RlmExecutor({ content: hay.text, provider, model: "gpt-4o-mini" }).analyze(`Find the one unusual ${kind === "logs" ? "log entry" : "function"}.`);
    return { contentChars: result.stats.contentChars, charsSent: result.stats.charsSent, found: result.answer === `line ${hay.needleLine}` };
  } finally {
    await server.close();
  }
}

export default defineBench({
  name: "rlm",
  description: "RLM REPL grep/count/chunks over 1-100 MB haystacks against grep -c and rg, and the compression of a scripted exploration",
  async run({ tmpDir, quick, log }) {
    const sizes = quick ? [1] : [1, 10, 100];
    const rg = hasCommand("rg");
    const rows: BenchRow[] = [];
    // The command-line baselines include starting a process; measure that cost so the table says it.
    const empty = join(tmpDir, "empty.txt");
    writeFileSync(empty, "");
    const spawnMs = (await compareTimes(() => spawnSync("grep", ["-c", "x", empty]), () => undefined, { runs: 5 })).a;
    const spawnNote = `the baseline includes ~${spawnMs.toFixed(1)} ms of process start`;
    for (const kind of ["logs", "code"] as const) {
      for (const mb of sizes) {
        const hay = haystack(kind, mb * 1024 * 1024);
        const file = join(tmpDir, `${kind}-${mb}mb.txt`);
        writeFileSync(file, hay.text);
        const index = new ContentIndex(hay.text);
        const contentType = detectContentType(hay.text);
        const repl = new Repl({ index, contentType, subcall: noSubcalls });
        const run = async (source: string) => {
          const out = await repl.run(parseCommands(source));
          if (out.entries.some((e) => e.isError)) throw new Error(`${source}: ${out.entries.map((e) => e.output).join("; ")}`);
          return out.entries[0]?.output ?? "";
        };
        const found = await run(`grep(${JSON.stringify(hay.needle.replace(/[()]/g, "\\$&"))})`);
        if (!found.includes(`${hay.needleLine}: `)) throw new Error(`REPL grep missed the needle at line ${hay.needleLine} (${kind}, ${mb} MB): ${found}`);
        const runs = quick ? 3 : mb >= 100 ? 3 : 5;
        const size = `${kind} ${mb} MB`;
        log(`${size}: ${index.lineCount} lines, detected ${contentType}`);
        const needleRe = hay.needle.replace(/[()]/g, "\\$&");

        const g = await compareTimes(
          () => runCommand("grep", ["-c", hay.needle, file]),
          () => run(`grep(${JSON.stringify(needleRe)})`),
          { runs },
        );
        rows.push(row({ bench: "rlm", case: `${size}: grep needle`, baseline: { label: "grep -c", value: g.a }, subject: { label: "REPL grep()", value: g.b }, unit: "ms", notes: spawnNote }));
        if (rg) {
          const r = await compareTimes(() => runCommand("rg", ["-c", needleRe, file]), () => run(`grep(${JSON.stringify(needleRe)})`), { runs });
          rows.push(row({ bench: "rlm", case: `${size}: grep needle`, baseline: { label: "rg -c", value: r.a }, subject: { label: "REPL grep()", value: r.b }, unit: "ms", notes: spawnNote }));
        }
        const c = await compareTimes(() => runCommand("grep", ["-c", hay.common, file]), () => run(`count(${JSON.stringify(hay.common)})`), { runs });
        rows.push(row({ bench: "rlm", case: `${size}: count common`, baseline: { label: "grep -c", value: c.a }, subject: { label: "REPL count()", value: c.b }, unit: "ms", notes: spawnNote }));
        // chunks() is cached per size inside one REPL; a fresh REPL per run times the real work.
        const k = await compareTimes(
          () => runCommand("grep", ["-c", "^", file]),
          () => new Repl({ index, contentType, subcall: noSubcalls }).run(parseCommands("chunks()")),
          { runs },
        );
        rows.push(
          row({
            bench: "rlm",
            case: `${size}: chunks() on natural boundaries`,
            baseline: { label: "grep -c ^ (line scan)", value: k.a },
            subject: { label: "REPL chunks()", value: k.b },
            unit: "ms",
            notes: spawnNote,
          }),
        );
        const w = await compareTimes(() => runCommand("wc", ["-l", file]), () => new ContentIndex(hay.text), { runs });
        rows.push(row({ bench: "rlm", case: `${size}: index once (line offsets)`, baseline: { label: "wc -l", value: w.a }, subject: { label: "ContentIndex", value: w.b }, unit: "ms", notes: spawnNote }));
      }
      const largest = sizes[sizes.length - 1] as number;
      const hay = haystack(kind, largest * 1024 * 1024);
      const e = await exploration(kind, hay);
      if (!e.found) throw new Error(`the scripted exploration of ${kind} did not reach its answer`);
      rows.push(
        row({
          bench: "rlm",
          case: `${kind} ${largest} MB: scripted exploration (5 model calls), compression ${Math.round(e.contentChars / e.charsSent).toLocaleString("en-US")}×`,
          baseline: { label: "content chars", value: e.contentChars },
          subject: { label: "chars sent to the model", value: e.charsSent },
          unit: "chars",
          target: 0.05,
          notes: `compression ${(e.contentChars / e.charsSent).toFixed(0)}×`,
        }),
      );
    }
    return rows;
  },
});
