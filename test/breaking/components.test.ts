// Shared components: a change to one is named at EVERY operation that reaches it, through
// $ref, allOf, oneOf, anyOf, items and if/then/else, and judged by the direction it is
// reached in. redocly diff on the documents as written names only the first operation;
// the gate compares dereferenced copies and checks the rest with componentReach.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { componentReach, everyReach, pointerSegments, prepareSpec, redoclyDiff, redoclyInProcess, useRedoclyInProcess, type Change } from "contract-pipeline/breaking/index";
import { breakingOf, breakingOperations, ROLES, TOKEN, USER, USERS, variants, type Spec } from "./support.js";

const { compare, original } = variants();
const schemas = (spec: Spec) => spec.components.schemas;
const ALL = [`GET ${USERS}`, `GET ${USER}`, `PUT ${USER}`, `PUT ${ROLES}`, `POST ${TOKEN}`].sort();

/** A component `Marker` each operation's 200 response reaches through a different keyword. */
function withMarker(spec: Spec) {
  const marker = { $ref: "#/components/schemas/Marker" };
  schemas(spec).Marker = { type: "string", enum: ["a", "b"] };
  schemas(spec).UserSummary.properties.marks = { type: "array", maxItems: 4, items: marker }; // oneOf branch -> items
  schemas(spec).User.properties.mark = { anyOf: [marker, { type: "null" }] }; // anyOf
  schemas(spec).UpdateUserResult.properties.mark = { allOf: [marker] }; // allOf
  schemas(spec).UpdateUserRolesResult.if = { required: ["user_id"] }; // if/then
  schemas(spec).UpdateUserRolesResult.then = { properties: { mark: marker } };
  schemas(spec).TokenGrant.properties.mark = { oneOf: [marker, { type: "null" }] }; // oneOf
}

describe("shared components", () => {
  it("a response enum widened in a component reached through oneOf and items names GET .../users once per operation", async () => {
    const changes = await compare((spec) => schemas(spec).AccessRole.enum.push("guest"));
    // UserListResponse.data is oneOf [UserListPage (users: items), UserListArray (items)]: both reach AccessRole.
    expect(breakingOperations(changes)).toEqual([`GET ${USERS}`, `GET ${USER}`, `PUT ${ROLES}`].sort());
    for (const change of breakingOf(changes)) expect(change.pointer).toBe("#/components/schemas/AccessRole/enum");
  });

  it("a field removed from a component every response reaches through allOf names all five operations", async () => {
    const changes = await compare((spec) => {
      const envelope = schemas(spec).SuccessEnvelope;
      envelope.required = envelope.required.filter((name: string) => name !== "requestId");
    });
    expect(breakingOperations(changes)).toEqual(ALL);
    for (const change of breakingOf(changes)) {
      expect(change.pointer).toBe("#/components/schemas/SuccessEnvelope/required");
      expect(change.place).toBe("response 200");
    }
  });

  it("a component one operation reaches twice (details and provider_details) is one line there", async () => {
    const changes = await compare((spec) => schemas(spec).DateAsRead.anyOf.push({ type: "integer" }));
    expect(breakingOf(changes).map((change) => `${change.operation} ${change.place} ${change.pointer}`)).toEqual([`GET ${USER} response 200 #/components/schemas/DateAsRead/anyOf/2`]);
  });

  it("a component reached through items, anyOf, allOf, if/then and oneOf is named at every operation", async () => {
    const changes = await compare((spec) => {
      withMarker(spec);
      schemas(spec).Marker.enum.push("c");
    }, withMarker);
    expect(breakingOperations(changes)).toEqual(ALL);
    for (const change of breakingOf(changes)) {
      expect(change.pointer).toBe("#/components/schemas/Marker/enum");
      expect(change.message).toMatch(/gained values: 'c'/);
    }
    // And the compatible way round: a value fewer in what responses carry.
    const narrower = await compare((spec) => {
      withMarker(spec);
      schemas(spec).Marker.enum.pop();
    }, withMarker);
    expect(breakingOf(narrower)).toEqual([]);
    expect(new Set(narrower.map((change) => change.operation))).toEqual(new Set(ALL));
  });

  it("a request component reached through if/then and else is named at each operation; relaxing it passes", async () => {
    const shortText = (spec: Spec) => {
      schemas(spec).ShortText = { type: "string", maxLength: 64 };
      schemas(spec).ProviderDetailsUpdate.then.properties.title = { $ref: "#/components/schemas/ShortText" };
      schemas(spec).UpdateUserRolesRequest.if = { required: ["access_roles"] };
      schemas(spec).UpdateUserRolesRequest.else = { properties: { note: { $ref: "#/components/schemas/ShortText" } } };
    };
    const shorter = await compare((spec) => {
      shortText(spec);
      schemas(spec).ShortText.maxLength = 32;
    }, shortText);
    expect(breakingOperations(shorter)).toEqual([`PUT ${USER}`, `PUT ${ROLES}`].sort());
    for (const change of breakingOf(shorter)) expect(change.pointer).toBe("#/components/schemas/ShortText/maxLength");
    const longer = await compare((spec) => {
      shortText(spec);
      schemas(spec).ShortText.maxLength = 128;
    }, shortText);
    expect(breakingOf(longer)).toEqual([]);
    expect(longer.map((change) => change.pointer)).toContain("#/components/schemas/ShortText/maxLength");
  });
});

describe("componentReach and everyReach (the gate's own check of redocly's blind spot)", () => {
  const spec = structuredClone(original);
  withMarker(spec);

  it("componentReach finds every operation reaching a component, with direction and status", async () => {
    const reach = componentReach(spec);
    const marker = reach.get("#/components/schemas/Marker")!;
    expect([...marker.keys()].sort()).toEqual(ALL);
    for (const directions of marker.values()) expect([...directions.entries()]).toEqual([["response", new Set(["response 200"])]]);
    // Scope is reached by the token request and by the token response.
    expect(reach.get("#/components/schemas/Scope")!.get(`POST ${TOKEN}`)).toEqual(
      new Map([
        ["request", new Set(["request body"])],
        ["response", new Set(["response 200"])],
      ]),
    );
    // A parameter component, by every operation under the path item that lists it.
    expect([...reach.get("#/components/parameters/UserId")!.keys()].sort()).toEqual([`GET ${USER}`, `PUT ${USER}`, `PUT ${ROLES}`].sort());
  });

  it("redocly diff on the documents as written names only one operation; everyReach names the rest", async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-reach-"));
    try {
      const revisionSpec = structuredClone(spec);
      schemas(revisionSpec).Marker.enum.push("c");
      const asWritten = (document: Spec, name: string) => {
        const file = path.join(scratch, `${name}.json`);
        writeFileSync(file, JSON.stringify(document));
        return { file, source: document, dereferencedFile: file, dereferenced: document };
      };
      const base = asWritten(spec, "base");
      const revision = asWritten(revisionSpec, "revision");
      const report = await redoclyDiff(base, revision, scratch) as { changes: { path: string; impact: string }[] };
      const reported = report.changes.filter((change) => change.impact === "major").map((change) => pointerSegments(change.path).slice(1, 3).join(" "));
      expect(reported).toHaveLength(1); // the blind spot, as measured: one operation only

      const [template, method] = pointerSegments(report.changes.find((change) => change.impact === "major")!.path).slice(1, 3) as [string, string];
      const first: Change = {
        operation: `${method.toUpperCase()} ${template}`,
        breaking: true,
        impact: "major",
        direction: "response",
        place: "response 200",
        message: "Enum gained values: 'c'.",
        pointer: "#/components/schemas/Marker/enum",
        side: "revision",
        rule: "enum-values-added",
        at: "",
      };
      const prepared = { base: prepareSpec(base.file, scratch, "b"), revision: prepareSpec(revision.file, scratch, "r") };
      const added = everyReach([first], prepared.base, prepared.revision);
      expect([first, ...added].map((change) => change.operation).sort()).toEqual(ALL);
      for (const change of added) expect(change).toMatchObject({ breaking: true, pointer: first.pointer, reachedBy: "every-reach", place: "response 200" });
      // A change in the other direction is not spread to operations reaching it only in responses.
      expect(everyReach([{ ...first, direction: "request" }], prepared.base, prepared.revision)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe("redocly diff in-process (these tests) and as the command (the gate)", () => {
  it("gives the same report", async () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-diff-modes-"));
    try {
      const revisionSpec = structuredClone(original);
      schemas(revisionSpec).AccessRole.enum.push("guest");
      delete revisionSpec.paths[ROLES].put;
      revisionSpec.paths[USERS].get.parameters.push({ name: "role", in: "query", required: true, schema: { type: "string" } });
      revisionSpec.servers = revisionSpec.servers.slice(1);
      const write = (document: Spec, name: string) => {
        const file = path.join(scratch, `${name}-spec.json`);
        writeFileSync(file, JSON.stringify(document));
        return prepareSpec(file, scratch, name);
      };
      const [base, revision] = [write(original, "base"), write(revisionSpec, "revision")];
      expect(await redoclyInProcess()).toBeDefined();
      const inProcess = await redoclyDiff(base, revision, scratch);
      useRedoclyInProcess(false);
      const command = await redoclyDiff(base, revision, scratch).finally(() => useRedoclyInProcess());
      // File names are relative to the working directory, which may differ; the rest is the same.
      const strip = (report: unknown) => JSON.parse(JSON.stringify(report, (key, value) => (key === "file" || key === "files" ? undefined : value)));
      expect(strip(inProcess)).toEqual(strip(command));
      expect((inProcess.changes ?? []).length).toBeGreaterThan(3);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
