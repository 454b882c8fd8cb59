import { describe, expect, it } from "vitest";
import { detectContentType } from "./content-type.js";

const code = `import { readFile } from "node:fs/promises";

export async function load(path: string): Promise<string> {
  const text = await readFile(path, "utf8");
  return text.trim();
}

class Cache {
  private items = new Map<string, string>();
  get(key: string) {
    return this.items.get(key);
  }
}
`;

const python = `import os

def main(argv):
    for name in argv:
        if os.path.exists(name):
            print(name)
    return 0

class Walker:
    def __init__(self, root):
        self.root = root
`;

const logs = Array.from({ length: 30 }, (_, i) => `2026-11-02T10:${String(i).padStart(2, "0")}:00.123Z INFO  api request id=${i} path=/v1/items took=${i * 3}ms`).join("\n");
const syslog = Array.from({ length: 20 }, (_, i) => `Nov  2 10:00:${String(i).padStart(2, "0")} host sshd[812]: Accepted publickey for deploy from 10.0.0.${i}`).join("\n");

const conversation = `User: I cannot log in since this morning.
Assistant: Sorry to hear that. Which error do you see on the login page?
User: It says my token has expired, even after a reset.
Assistant: Thanks. Please clear the cookies for the site and try once more.
User: That worked, thank you very much for the quick help.
Assistant: Glad it is solved. Is there anything else I can help with today?
`;

const documents = `# Deployment guide

This guide explains how the service is deployed to the staging and production clusters.
Each release is built once and promoted between environments without being rebuilt again.

## Rollback

If a release misbehaves, the on-call engineer rolls back to the previous image tag.
The rollback takes about two minutes and does not need a database migration at all.
`;

const jsonLogs = Array.from({ length: 20 }, (_, i) => JSON.stringify({ level: i % 5 ? "info" : "error", time: 1763805600000 + i, msg: "request handled", reqId: i })).join("\n");
const accessLog = Array.from({ length: 20 }, (_, i) => `10.0.0.${i} - - [22/Nov/2026:10:00:${String(i).padStart(2, "0")} +0000] "GET /api/items/${i} HTTP/1.1" 200 512`).join("\n");
const klog = Array.from({ length: 20 }, (_, i) => `I1122 10:00:${String(i).padStart(2, "0")}.123456       1 controller.go:${100 + i}] Reconciling pod default/web-${i}`).join("\n");
const boldChat = "**User:** Where are the deploy logs kept for the staging cluster?\n\n**Assistant:** They are in the logging bucket, one folder per day and service.\n\n".repeat(4);
const headedChat = "## User\n\nWhy does the nightly job fail since Monday?\n\n## Assistant\n\nThe job runs out of memory while it loads the full export.\n\n".repeat(4);

describe("detectContentType", () => {
  it.each([
    ["code", code],
    ["code", python],
    ["logs", logs],
    ["logs", syslog],
    ["conversation", conversation],
    ["documents", documents],
    ["logs", jsonLogs],
    ["logs", accessLog],
    ["logs", klog],
    ["conversation", boldChat],
    ["conversation", headedChat],
  ])("recognises %s", (type, text) => {
    expect(detectContentType(text)).toBe(type);
  });

  it("calls files of different kinds joined together mixed", () => {
    const joined = `=== FILE: app.log ===\n${logs}\n=== FILE: src/load.ts ===\n${code}${code}`;
    expect(detectContentType(joined)).toBe("mixed");
  });

  it("calls joined files mixed when each is of its own kind, even if one is much longer", () => {
    const joined = `=== FILE: src/load.ts ===\n${code.repeat(6)}\n=== FILE: app.log ===\n${syslog}`;
    expect(detectContentType(joined)).toBe("mixed");
    expect(detectContentType(`=== FILE: a.ts ===\n${code}\n=== FILE: b.ts ===\n${code}`)).toBe("code");
  });

  it("samples the start, middle and end of a large text rather than reading all of it", () => {
    const big = `${logs}\n`.repeat(2_000);
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(detectContentType(big)).toBe("logs");
  });

  it("treats text with nothing recognisable as documents", () => {
    expect(detectContentType("")).toBe("documents");
  });
});
