import { describeError } from "@codetether/core";

/** Every line the CLI prints goes through here so secrets can be masked in one place. */
let mask: (text: string) => string = (text) => text;

export function setOutputMask(fn: (text: string) => string): void {
  mask = fn;
}

export function printOut(text: string): void {
  process.stdout.write(mask(text.endsWith("\n") ? text : `${text}\n`));
}

export function printErr(text: string): void {
  process.stderr.write(mask(text.endsWith("\n") ? text : `${text}\n`));
}

export function printJson(value: unknown): void {
  printOut(JSON.stringify(value, null, 2));
}

export function printError(error: unknown): void {
  printErr(`error: ${describeError(error)}`);
}
