// brokenRules on a tiny inline spec, no vendor's: each rule a value breaks is named as the spec
// states it, once, and a rule made of others (an if/then, a oneOf, a contains) as itself, by its
// titles or description, never by the parts ajv reports inside it.
import { describe, expect, it } from "vitest";
import { createSpecValidator } from "contract-kit/spec";

const document = {
  openapi: "3.1.0",
  info: { title: "tiny", version: "1" },
  paths: {},
  components: {
    schemas: {
      Name: { type: "string", minLength: 1, maxLength: 8 },
      Thing: {
        type: "object",
        additionalProperties: false,
        required: ["name"],
        properties: {
          name: { $ref: "#/components/schemas/Name" },
          nickname: { oneOf: [{ $ref: "#/components/schemas/Name" }, { type: "null" }] },
          tags: { type: "array", uniqueItems: true, items: { enum: ["a", "b", "c"] } },
          kind: { enum: ["plain", "special"] },
          open: { type: "boolean" },
        },
        if: { title: "a special thing", required: ["kind"], properties: { kind: { const: "special" } } },
        then: { title: "tagged c", properties: { tags: { contains: { const: "c" } } } },
        dependentSchemas: {
          open: {
            description: "An open thing has a nickname.\nMore words here.",
            if: { properties: { open: { const: true } } },
            then: { required: ["nickname"] },
          },
        },
      },
      Bag: { type: "array", contains: { const: "c" } },
    },
  },
};
const validator = createSpecValidator(document);
const rules = (value: unknown, pointer = "#/components/schemas/Thing") => validator.brokenRules(pointer, value);

describe("brokenRules", () => {
  it("is empty for a value the schema takes", () => {
    expect(rules({ name: "x", kind: "special", tags: ["c"], open: true, nickname: null })).toEqual([]);
  });

  it("names each broken keyword with what it wants, at its JSON path", () => {
    expect(rules({ name: "", tags: ["a", "a", "z"], extra: 1 })).toEqual(["$.extra: additionalProperties", "$.name: minLength 1", '$.tags[2]: enum ["a","b","c"]', "$.tags: uniqueItems"]);
    expect(rules({})).toEqual(["$.name: required"]);
  });

  it("names an if/then by its titles, or its description's first line, not by what failed inside it", () => {
    expect(rules({ name: "x", kind: "special", tags: ["a"] })).toEqual(["if a special thing, then tagged c"]);
    expect(rules({ name: "x", open: true })).toEqual(["An open thing has a nickname"]);
  });

  it("names a oneOf by its branches' rules, and a contains by what an item must be", () => {
    expect(rules({ name: "x", nickname: "" })).toEqual(["$.nickname: oneOf (minLength 1 or type null)"]);
    expect(rules(["a"], "#/components/schemas/Bag")).toEqual(['contains const "c"']);
  });
});
