import { describe, expect, it } from "vitest";
import { EventEmitter } from "../index.js";

type E = { type: "a"; n: number } | { type: "b"; s: string } | { type: "done" };

describe("EventEmitter", () => {
  it("delivers every event to subscribers in order and stops after unsubscribe", () => {
    const emitter = new EventEmitter<E>();
    const seen: E[] = [];
    const off = emitter.subscribe((e) => seen.push(e));
    emitter.emit({ type: "a", n: 1 });
    emitter.emit({ type: "b", s: "x" });
    off();
    emitter.emit({ type: "a", n: 2 });
    expect(seen).toEqual([{ type: "a", n: 1 }, { type: "b", s: "x" }]);
  });

  it("filters by type with on()", () => {
    const emitter = new EventEmitter<E>();
    const ns: number[] = [];
    emitter.on("a", (e) => ns.push(e.n));
    emitter.emit({ type: "b", s: "x" });
    emitter.emit({ type: "a", n: 7 });
    expect(ns).toEqual([7]);
  });

  it("keeps delivering to other listeners when one throws, and reports the error", () => {
    const emitter = new EventEmitter<E>();
    const errors: unknown[] = [];
    emitter.onListenerError = (error) => errors.push(error);
    const seen: E[] = [];
    emitter.subscribe(() => {
      throw new Error("broken view");
    });
    emitter.subscribe((e) => seen.push(e));
    emitter.emit({ type: "done" });
    expect(seen).toEqual([{ type: "done" }]);
    expect(String(errors[0])).toContain("broken view");
  });

  it("iterates buffered events until the terminal event, missing none", async () => {
    const emitter = new EventEmitter<E>();
    const collected: E[] = [];
    const consumer = (async () => {
      for await (const e of emitter.iterate({ until: (e) => e.type === "done" })) collected.push(e);
    })();
    for (let i = 0; i < 100; i++) emitter.emit({ type: "a", n: i });
    emitter.emit({ type: "done" });
    await consumer;
    expect(collected).toHaveLength(101);
    expect(collected.at(-1)).toEqual({ type: "done" });
    expect(emitter.listenerCount).toBe(0);
  });

  it("stops iterating when the signal aborts", async () => {
    const emitter = new EventEmitter<E>();
    const controller = new AbortController();
    const collected: E[] = [];
    const consumer = (async () => {
      for await (const e of emitter.iterate({ signal: controller.signal })) collected.push(e);
    })();
    emitter.emit({ type: "a", n: 1 });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await consumer;
    expect(collected).toEqual([{ type: "a", n: 1 }]);
  });
});
