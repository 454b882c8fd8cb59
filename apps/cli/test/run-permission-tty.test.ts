import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { FakeServer } from "@codetether/fixtures";
import { cliPath } from "./helpers.js";
import { chatRequests, fakeProviderSandbox } from "./run-helpers.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});


describe("codetether run on a terminal (built binary under a pseudo-terminal)", () => {
  it("prompts for an ask: always remembers the answer for the session, deny refuses", async () => {
    const bash = (command: string) => ({ toolCalls: [{ name: "bash", arguments: { command } }] });
    const made = await fakeProviderSandbox(
      [bash("touch one.txt"), bash("touch one.txt"), bash("touch two.txt"), { text: "All done." }],
      "[session]\nauto_title = false",
    );
    servers.push(made.server);
    const { sandbox, server } = made;
    // `script` runs the CLI on a pseudo-terminal, so stdin and stderr are TTYs as for a person.
    const command = `${process.execPath} ${cliPath} run "make the files"`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: sandbox.cwd, env: { ...sandbox.env, TERM: "dumb" }, stdio: "pipe" });
    let screen = "";
    let prompts = 0;
    const answers = ["a", "n"];
    child.stdout.on("data", (d) => {
      screen += d;
      const seen = screen.split("[n] deny").length - 1;
      while (prompts < seen) {
        child.stdin.write(`${answers[prompts] ?? "n"}\r`);
        prompts++;
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(screen).toContain("Allow");
    expect(prompts).toBe(2);
    expect(existsSync(join(sandbox.cwd, "one.txt"))).toBe(true);
    expect(existsSync(join(sandbox.cwd, "two.txt"))).toBe(false);
    expect(screen).toContain("All done.");
    const denied = chatRequests(server)[3].messages.at(-1);
    expect(denied.role).toBe("tool");
    expect(denied.content).toMatch(/denied|refused/i);
  });

  it("answers the question tool from the terminal: a number picks an option", async () => {
    const made = await fakeProviderSandbox(
      [{ toolCalls: [{ name: "question", arguments: { question: "Which colour?", options: ["red", "blue"] } }] }, { text: "Blue it is." }],
      "[session]\nauto_title = false",
    );
    servers.push(made.server);
    const { sandbox, server } = made;
    const command = `${process.execPath} ${cliPath} run "pick a colour"`;
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: sandbox.cwd, env: { ...sandbox.env, TERM: "dumb" }, stdio: "pipe" });
    let screen = "";
    let answered = false;
    child.stdout.on("data", (d) => {
      screen += d;
      if (!answered && screen.includes("[2] blue")) {
        answered = true;
        child.stdin.write("2\r");
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(0);
    expect(screen).toContain("Which colour?");
    expect(screen).toContain("Blue it is.");
    const result = chatRequests(server)[1].messages.at(-1);
    expect(result).toMatchObject({ role: "tool", content: "blue" });
  });

  it("remembers an always answer for the whole session: run -c does not ask again", async () => {
    const bash = (command: string) => ({ toolCalls: [{ name: "bash", arguments: { command } }] });
    const made = await fakeProviderSandbox(
      [bash("touch one.txt"), { text: "First." }, bash("touch one.txt"), { text: "Second." }],
      "[session]\nauto_title = false",
    );
    servers.push(made.server);
    const { sandbox } = made;
    const onTerminal = (args: string) =>
      new Promise<{ code: number | null; prompts: number }>((resolve) => {
        const child = spawn("script", ["-qfec", `${process.execPath} ${cliPath} run ${args}`, "/dev/null"], {
          cwd: sandbox.cwd,
          env: { ...sandbox.env, TERM: "dumb" },
          stdio: "pipe",
        });
        let screen = "";
        let prompts = 0;
        child.stdout.on("data", (d) => {
          screen += d;
          while (prompts < screen.split("[n] deny").length - 1) {
            child.stdin.write("a\r");
            prompts++;
          }
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          resolve({ code, prompts });
        });
      });
    expect(await onTerminal('"make it"')).toEqual({ code: 0, prompts: 1 });
    expect(await onTerminal('-c "make it again"')).toEqual({ code: 0, prompts: 0 });
  });

  it("Ctrl-C at a permission prompt stops the run like Ctrl-C anywhere else", async () => {
    const made = await fakeProviderSandbox(
      [{ toolCalls: [{ name: "bash", arguments: { command: "touch x.txt" } }] }, { text: "Went on anyway." }],
      "[session]\nauto_title = false",
    );
    servers.push(made.server);
    const { sandbox } = made;
    const child = spawn("script", ["-qfec", `${process.execPath} ${cliPath} run "make x"`, "/dev/null"], {
      cwd: sandbox.cwd,
      env: { ...sandbox.env, TERM: "dumb" },
      stdio: "pipe",
    });
    let screen = "";
    let interrupted = false;
    child.stdout.on("data", (d) => {
      screen += d;
      if (!interrupted && screen.includes("[n] deny")) {
        interrupted = true;
        child.stdin.write("\u0003");
      }
    });
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    // (script's own exit status does not reliably carry the 130 through; the screen does.)
    expect(code).not.toBeNull();
    expect(screen).toContain("stopped: aborted");
    expect(screen).not.toContain("Went on anyway.");
    expect(existsSync(join(sandbox.cwd, "x.txt"))).toBe(false);
  });
});
