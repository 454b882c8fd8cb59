import { afterEach, describe, expect, it } from "vitest";
import { assistantMessage, userMessage } from "@codetether/core";
import type { FakeServer, ScriptedTurn } from "@codetether/fixtures";
import { fakeModel, sentMessages } from "../test-support/fake-model.js";
import { generateTitle } from "./generate-title.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(...turns: ScriptedTurn[]) {
  const model = await fakeModel(turns);
  servers.push(model.server);
  return model;
}

const exchange = [userMessage("The login form crashes when the password is empty\nmore details"), assistantMessage("Fixed the null check in login.ts.")];

describe("generateTitle", () => {
  it("asks the model for a short title from the first exchange and cleans the reply", async () => {
    const { provider, server } = await setup({ text: '"Fix empty password crash."\n' });
    const title = await generateTitle({ provider, model: "gpt-4o", messages: exchange });
    expect(title).toBe("Fix empty password crash");
    const sent = sentMessages(server, 0);
    expect(sent[0].content).toMatch(/title of at most six words/);
    expect(sent[1].content).toContain("The login form crashes");
    expect(sent[1].content).toContain("Fixed the null check");
  });

  it("falls back to the first line of the prompt when the model fails", async () => {
    const { provider } = await setup({ fault: { kind: "http", status: 400, message: "no" } });
    expect(await generateTitle({ provider, model: "gpt-4o", messages: exchange })).toBe("The login form crashes when the password is empty");
  });
});
