// The prober's check of what a write sends, on a tiny inline spec, no vendor's: a body the
// request schema refuses, or a write whose restore it would refuse, is not sent (its check is
// skipped, naming the rule, and it cannot have taken effect); a body refused on purpose is sent,
// and must be one the schema refuses.
import { describe, expect, it } from "vitest";
import { checkVerifyOptions, mayHaveTakenEffect, startVerifyRun } from "contract-kit/verify";

const body = (schema: unknown) => ({ required: true, content: { "application/json": { schema } } });
const answers = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } }, "400": { description: "refused", content: { "application/json": { schema: { type: "object" } } } } };
const spec = {
  openapi: "3.1.0",
  info: { title: "tiny", version: "1" },
  components: { schemas: { Rename: { type: "object", additionalProperties: false, required: ["name"], properties: { name: { type: "string", minLength: 1 } } } } },
  paths: { "/things/{id}": { put: { operationId: "renameThing", requestBody: body({ $ref: "#/components/schemas/Rename" }), responses: answers } } },
};
const rename = { name: "rename a thing", operationId: "renameThing" };

function started() {
  const sent: unknown[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(await new Request(input, init).json());
    return Response.json({}, { status: 200 });
  }) as typeof globalThis.fetch;
  const run = startVerifyRun({ spec, checked: checkVerifyOptions({ baseUrl: "http://things.test", fetch }, { credentials: [] }), secrets: [], credentials: {} });
  return { run, sent };
}

describe("the prober sends no write the contract refuses, nor one it could not put back", () => {
  it("sends a write whose body and restore the schema takes", async () => {
    const { run, sent } = started();
    const probed = await run.probe(rename, { pathParams: { id: "1" }, body: { name: "new" }, restoreWith: { body: { name: "old" }, is: "the old name" } }, { status: 200 });
    expect(probed).toMatchObject({ sent: true, ok: true });
    expect(sent).toEqual([{ name: "new" }]);
  });

  it("skips a write whose restore the schema refuses, naming the rule; nothing is sent and nothing can have changed", async () => {
    const { run, sent } = started();
    const probed = await run.probe(rename, { pathParams: { id: "1" }, body: { name: "new" }, restoreWith: { body: { name: "" }, is: "the old name" } }, { status: 200 });
    expect(probed).toMatchObject({ sent: false, ok: false, check: { outcome: "skipped", note: "the old name cannot be sent back ($.name: minLength 1)" } });
    expect(mayHaveTakenEffect(probed)).toBe(false);
    expect(sent).toEqual([]);
    expect(run.report()).toMatchObject({ ok: true, checks: [{ name: "rename a thing", outcome: "skipped" }] });
  });

  it("skips a body the schema refuses, named by bodyIs", async () => {
    const { run, sent } = started();
    const probed = await run.probe(rename, { pathParams: { id: "1" }, body: { name: "x", colour: "red" }, bodyIs: "the new name" });
    expect(probed.check).toMatchObject({ outcome: "skipped", note: "the new name cannot be sent ($.colour: additionalProperties)" });
    expect(sent).toEqual([]);
  });

  it("sends a body refused on purpose when its restore can be sent, and throws when the schema takes it (verify's own mistake)", async () => {
    const { run, sent } = started();
    await run.probe(rename, { pathParams: { id: "1" }, body: { name: "" }, refusedOnPurpose: true, restoreWith: { body: { name: "old" }, is: "the old name" } }, { status: 400 });
    expect(sent).toEqual([{ name: "" }]);
    const refusedRestore = await run.probe(rename, { pathParams: { id: "1" }, body: { name: "" }, refusedOnPurpose: true, restoreWith: { body: {}, is: "the old name" } }, { status: 400 });
    expect(refusedRestore.check).toMatchObject({ outcome: "skipped", note: "the old name cannot be sent back ($.name: required)" });
    await expect(run.probe(rename, { pathParams: { id: "1" }, body: { name: "fine" }, refusedOnPurpose: true })).rejects.toThrow(`check "rename a thing": its body is to be refused, but renameThing's request schema takes it`);
    expect(sent).toHaveLength(1);
  });
});
