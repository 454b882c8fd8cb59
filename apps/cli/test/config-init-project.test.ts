import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfigText } from "@codetether/core";
import { makeSandbox, runCli } from "./helpers.js";

describe("codetether config --init --project (built binary)", () => {
  it("writes a commented template that overrides none of the user's settings", async () => {
    const s = makeSandbox();
    await runCli(["config", "--init"], s);
    await runCli(["config", "--set", "default_model=openai/gpt-5", "secrets.policy=vault-only"], s);
    const init = await runCli(["config", "--init", "--project"], s);
    expect(init.code).toBe(0);
    const projectText = readFileSync(join(s.cwd, ".codetether", "config.toml"), "utf8");
    expect(projectText).toContain("# default_model =");
    expect(parseConfigText(projectText).default_model).toBeUndefined();
    const shown = JSON.parse((await runCli(["config", "--show", "--json"], s)).stdout);
    expect(shown.config.default_model).toBe("openai/gpt-5");
    expect(shown.config.secrets.policy).toBe("vault-only");
    const set = await runCli(["config", "--set", "--project", "default_model=deepseek/deepseek-chat"], s);
    expect(set.code).toBe(0);
    expect(parseConfigText(readFileSync(join(s.cwd, ".codetether", "config.toml"), "utf8")).default_model).toBe("deepseek/deepseek-chat");
  });
});
