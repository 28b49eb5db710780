// The drift check on its own, vendor-free: a body whose own keys carry a secret (pointers are
// made of keys) is reported with the key redacted, a body breaking a rule thousands of times is
// reported in at most MAX_VIOLATIONS entries, and its two passes: the quick validators judge
// every response, the listing ones are loaded only for one that broke a rule and is small
// enough to list (MAX_LISTED_VALUES); a large valid body is no drift.
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { BufferedResponse, createDriftCheck, createRedactor, MAX_LISTED_VALUES, MAX_VIOLATIONS, type DriftEvent, type ResponseValidators } from "../../src/http/index.js";
import { expectNoPartOf, everyView } from "../support/index.js";

const SECRET = "sk_live_0123456789abcdefXYZ";
const schema = { type: "object", additionalProperties: { type: "number" } };
const quick = new Ajv2020({ allErrors: false }).compile(schema);
const every = new Ajv2020({ allErrors: true }).compile(schema);
const validators: ResponseValidators = { "GET /things": { operationId: "listThings", responses: { "200": quick } } };
const listingValidators: ResponseValidators = { "GET /things": { operationId: "listThings", responses: { "200": every } } };
const operation = { method: "GET", path: "/things" };
const json = (body: unknown) => new BufferedResponse(200, new Headers({ "content-type": "application/json" }), new TextEncoder().encode(JSON.stringify(body)));

function check(mode: "report" | "throw", events: DriftEvent[], loads = { listing: 0 }) {
  return createDriftCheck({
    mode,
    onDrift: (event) => events.push(event),
    load: async () => validators,
    loadListing: async () => (loads.listing++, listingValidators),
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

  it("loads the listing validators only for a response that broke a rule, and names every rule it broke", async () => {
    const events: DriftEvent[] = [];
    const loads = { listing: 0 };
    const drift = check("report", events, loads);
    await drift(operation, json({ a: 1, b: 2 }));
    expect(loads.listing).toBe(0);
    await drift(operation, json({ a: "x", b: 2, c: "y" }));
    expect(loads.listing).toBe(1);
    expect(events[0]!.violations.map((item) => item.pointer)).toEqual(["/a", "/c"]);
    expect(events[0]!.truncated).toBe(false);
  });

  it("judges a valid body of any size as valid: more values than a request may hold is no drift", async () => {
    const events: DriftEvent[] = [];
    await check("report", events)(operation, json(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))));
    expect(events).toEqual([]);
  });

  it(`lists only the first violations found in a body of more than ${MAX_LISTED_VALUES} values, says so, and stays linear`, async () => {
    // 200,000 keys that each break the rule: listing them all is what took seconds.
    const body = json(Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, "x"])));
    const events: DriftEvent[] = [];
    const loads = { listing: 0 };
    const start = performance.now();
    await check("report", events, loads)(operation, body);
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(loads.listing).toBe(0);
    expect(events[0]!.violations).toHaveLength(1);
    expect(events[0]!.violations[0]).toMatchObject({ pointer: "/k0", keyword: "type" });
    expect(events[0]!.truncated).toBe(true);
  });

  it("is nothing at all when off", () => {
    expect(createDriftCheck({ mode: "off", onDrift: undefined, load: async () => validators, loadListing: async () => listingValidators, redact: (t) => t, requestIdOf: () => undefined, error: () => new Error() })).toBeUndefined();
  });
});
