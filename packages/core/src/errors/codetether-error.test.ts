import { describe, expect, it } from "vitest";
import { AbortedError, CodetetherError, ConfigError, describeError, throwIfAborted } from "../index.js";

describe("CodetetherError", () => {
  it("carries a stable code, a message and a hint, and names its subclass", () => {
    const error = new ConfigError("bad file", { file: "/x.toml", line: 3 });
    expect(error.code).toBe("config_invalid");
    expect(error.name).toBe("ConfigError");
    expect(error.file).toBe("/x.toml");
    expect(error.line).toBe(3);
    expect(error.describe()).toMatch(/^bad file\nHint: /);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: "ConfigError", code: "config_invalid", message: "bad file" });
  });

  it("is recognised across copies of the package by its marker, not by prototype", () => {
    const foreign = Object.assign(Object.create(Error.prototype), { [Symbol.for("codetether.error")]: true, code: "x" });
    expect(CodetetherError.isInstance(foreign)).toBe(true);
    expect(CodetetherError.isInstance(new Error("plain"))).toBe(false);
    expect(CodetetherError.isInstance(null)).toBe(false);
  });

  it("keeps the cause", () => {
    const cause = new Error("root");
    expect(new CodetetherError("x", "y", { cause }).cause).toBe(cause);
  });

  it("describes any thrown value for a user", () => {
    expect(describeError(new CodetetherError("c", "msg", { hint: "do this" }))).toBe("msg\nHint: do this");
    expect(describeError(new Error("plain"))).toBe("plain");
    expect(describeError("text")).toBe("text");
  });

  it("throws AbortedError only once the signal fired", () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal)).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal, "The run")).toThrow(new AbortedError("The run"));
  });
});
