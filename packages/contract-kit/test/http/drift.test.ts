// The drift check on its own, vendor-free: a body whose own keys carry a secret (pointers are
// made of keys) is reported with the key redacted, and a body breaking a rule thousands of
// times is reported in at most MAX_VIOLATIONS entries.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { BufferedResponse, createDriftCheck, createRedactor, MAX_VIOLATIONS, type DriftEvent, type ResponseValidators } from "../../src/http/index.js";
import { expectNoPartOf, everyView } from "../support/index.js";

const SECRET = "sk_live_0123456789abcdefXYZ";
const ajv = new Ajv2020({ allErrors: true });
const validate = ajv.compile({ type: "object", additionalProperties: { type: "number" } });
const validators: ResponseValidators = { "GET /things": { operationId: "listThings", responses: { "200": validate } } };
const operation = { method: "GET", path: "/things" };
const json = (body: unknown) => new BufferedResponse(200, new Headers({ "content-type": "application/json" }), new TextEncoder().encode(JSON.stringify(body)));

function check(mode: "report" | "throw", events: DriftEvent[]) {
  return createDriftCheck({
    mode,
    onDrift: (event) => events.push(event),
    load: async () => validators,
    redact: createRedactor([SECRET]).redact,
    requestIdOf: () => `req_${SECRET}`,
    error: (op, message, status, fields) => Object.assign(new Error(`${op.method} ${op.path}: ${message}`), { status, ...fields }),
  })!;
}

describe("createDriftCheck", () => {
  it("redacts a secret that is a key of the body, in the pointer and the request id", async () => {
    const events: DriftEvent[] = [];
    await check("report", events)(operation, json({ [SECRET]: "not a number", ok: 1 }));
    expect(events[0]!.violations).toHaveLength(1);
    expect(events[0]!.violations[0]!.keyword).toBe("type");
    expectNoPartOf(SECRET, everyView(events));
    const error = await check("throw", [])(operation, json({ [`${SECRET}`]: "x" })).then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expectNoPartOf(SECRET, everyView(error));
  });

  it(`lists at most ${MAX_VIOLATIONS} violations and says it left some out`, async () => {
    const events: DriftEvent[] = [];
    await check("report", events)(operation, json(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, "x"]))));
    expect(events[0]!.violations).toHaveLength(MAX_VIOLATIONS);
    expect(events[0]!.truncated).toBe(true);
  });

  it("is nothing at all when off", () => {
    expect(createDriftCheck({ mode: "off", onDrift: undefined, load: async () => validators, redact: (t) => t, requestIdOf: () => undefined, error: () => new Error() })).toBeUndefined();
  });
});
