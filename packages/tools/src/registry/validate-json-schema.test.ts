import { describe, expect, it } from "vitest";
import { validateJsonSchema } from "./validate-json-schema.js";

describe("validateJsonSchema", () => {
  it("accepts integers as numbers but not fractions as integers", () => {
    expect(validateJsonSchema({ type: "number" }, 3)).toEqual([]);
    expect(validateJsonSchema({ type: "integer" }, 3.5)[0]?.message).toBe("arguments must be integer, got number 3.5");
  });

  it("checks anyOf and oneOf branches and reports the closest one", () => {
    const schema = { anyOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] };
    expect(validateJsonSchema(schema, "a")).toEqual([]);
    expect(validateJsonSchema(schema, ["a", "b"])).toEqual([]);
    const bad = validateJsonSchema(schema, [1]);
    expect(bad).toHaveLength(1);
    expect(bad[0]?.message).toMatch(/matches none of the allowed forms \(anyOf\); closest: `\[0\]` must be string/);
    const one = { oneOf: [{ type: "number" }, { type: "integer" }] };
    expect(validateJsonSchema(one, 1.5)).toEqual([]);
    expect(validateJsonSchema(one, 2)[0]?.message).toMatch(/more than one/);
  });

  it("validates additionalProperties given as a schema, and string and array bounds", () => {
    const schema = {
      type: "object",
      properties: { name: { type: "string", minLength: 2, maxLength: 4 }, tags: { type: "array", maxItems: 1 } },
      additionalProperties: { type: "number" },
    };
    expect(validateJsonSchema(schema, { name: "abc", extra: 1 })).toEqual([]);
    expect(validateJsonSchema(schema, { name: "a", tags: [1, 2], extra: "x" }).map((v) => v.path)).toEqual(["name", "tags", "extra"]);
  });

  it("reports a const mismatch and a wrong top-level type", () => {
    expect(validateJsonSchema({ const: "v1" }, "v2")[0]?.message).toBe('arguments must be "v1", got "v2"');
    expect(validateJsonSchema({ type: "object" }, null)[0]?.message).toBe("arguments must be object, got null null");
  });
});
