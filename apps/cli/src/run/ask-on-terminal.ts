import { createInterface } from "node:readline";

/** One terminal per process: questions (permission asks, the question tool) wait their turn. */
let queue: Promise<unknown> = Promise.resolve();

/** Asks one line on the terminal; resolves "" when input closes (Ctrl-D), which callers read as no. */
export function askOnTerminal(input: NodeJS.ReadStream, output: NodeJS.WriteStream, prompt: string): Promise<string> {
  const ask = () =>
    new Promise<string>((resolve) => {
      const rl = createInterface({ input, output, terminal: true });
      // Settle before closing: close fires synchronously.
      rl.question(prompt, (answer) => {
        resolve(answer);
        rl.close();
      });
      rl.once("close", () => resolve(""));
      // The prompt puts the terminal in raw mode, so Ctrl-C arrives as a key, not a signal: pass
      // it on as the signal, so it stops the run as it does anywhere else (the question is refused).
      // Handlers run at once, before the refusal lets the run go on; with none, the real signal ends the process.
      rl.once("SIGINT", () => {
        if (process.listenerCount("SIGINT") > 0) process.emit("SIGINT", "SIGINT");
        else process.kill(process.pid, "SIGINT");
        rl.close();
      });
    });
  const next = queue.then(ask, ask);
  queue = next.catch(() => undefined);
  return next;
}
