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
    });
  const next = queue.then(ask, ask);
  queue = next.catch(() => undefined);
  return next;
}
