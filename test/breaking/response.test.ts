// Response-side rules of the breaking-change gate: each with a variant the gate must catch
// and one it must let pass. Response enums: every one counts as one clients switch on (see
// docs/decisions.md, "Which response changes are breaking").
import { describe, expect, it } from "vitest";
import { breakingOf, breakingOperations, ROLES, TOKEN, USER, USERS, variants, type Spec } from "./support.js";

const { compare } = variants();
const schemas = (spec: Spec) => spec.components.schemas;

/** The breaking lines as `METHOD /path -> pointer`. */
const lines = (changes: Awaited<ReturnType<typeof compare>>) => breakingOf(changes).map((change) => `${change.operation} -> ${change.pointer}`).sort();
const compatibleAt = (changes: Awaited<ReturnType<typeof compare>>, pointer: string) => {
  expect(breakingOf(changes)).toEqual([]);
  expect(changes.map((change) => change.pointer)).toContain(pointer);
};

describe("response side", () => {
  it("a field removed is breaking (inside a oneOf branch, through array items); an optional field added is not", async () => {
    const removed = await compare((spec) => delete schemas(spec).UserSummary.properties.full_name);
    expect(lines(removed)).toEqual([`GET ${USERS} -> #/components/schemas/UserSummary/properties/full_name`]);
    expect(breakingOf(removed)[0]!.message).toMatch(/Property `full_name` was removed/);
    compatibleAt(
      await compare((spec) => (schemas(spec).User.properties.nickname = { type: "string", maxLength: 64 })),
      "#/components/schemas/User/properties/nickname",
    );
  });

  it("a required field made optional is breaking; an optional field made required is not", async () => {
    const optional = await compare((spec) => (schemas(spec).User.required = schemas(spec).User.required.filter((name: string) => name !== "email")));
    expect(lines(optional)).toEqual([`GET ${USER} -> #/components/schemas/User/required`]);
    expect(breakingOf(optional)[0]!.message).toMatch(/no longer required: `email`/);
    compatibleAt(
      await compare((spec) => schemas(spec).UserSummary.required.push("full_name")),
      "#/components/schemas/UserSummary/required",
    );
  });

  it("a field made nullable is breaking; a nullable field made non-null is not", async () => {
    const nullable = await compare((spec) => (schemas(spec).User.properties.email.type = ["string", "null"]));
    expect(lines(nullable)).toEqual([`GET ${USER} -> #/components/schemas/User/properties/email/type`]);
    expect(breakingOf(nullable)[0]!.message).toMatch(/widened from 'string' to 'string \| null'/);
    compatibleAt(await compare((spec) => (schemas(spec).UserDetails.properties.title.type = "string")), "#/components/schemas/UserDetails/properties/title/type");
  });

  it("an enum that admits more is breaking at every operation returning it; one that admits less is not", async () => {
    const more = await compare((spec) => schemas(spec).AccessRole.enum.push("guest"));
    expect(lines(more)).toEqual([
      `GET ${USERS} -> #/components/schemas/AccessRole/enum`,
      `GET ${USER} -> #/components/schemas/AccessRole/enum`,
      `PUT ${ROLES} -> #/components/schemas/AccessRole/enum`,
    ]);
    for (const change of breakingOf(more)) expect(change.message).toMatch(/gained values: 'guest'/);
    compatibleAt(
      await compare((spec) => (schemas(spec).AccessRole.enum = schemas(spec).AccessRole.enum.filter((role: string) => role !== "member"))),
      "#/components/schemas/AccessRole/enum",
    );
  });

  it("a const dropped (tokenType no longer only 'Bearer') is breaking", async () => {
    const open = await compare((spec) => delete schemas(spec).TokenGrant.properties.tokenType.enum);
    expect(breakingOperations(open)).toEqual([`POST ${TOKEN}`]);
  });

  it("a type that admits more is breaking; one that admits less is not", async () => {
    const wider = await compare((spec) => (schemas(spec).Pagination.properties.total.type = "number"));
    expect(lines(wider)).toEqual([`GET ${USERS} -> #/components/schemas/Pagination/properties/total/type`]);
    expect(breakingOf(wider)[0]!.message).toMatch(/widened from 'integer' to 'number'/);
    compatibleAt(await compare((spec) => (schemas(spec).TokenGrant.properties.expiresIn.maximum = 7200)), "#/components/schemas/TokenGrant/properties/expiresIn/maximum");
  });

  it("a success status removed is breaking; a success status added is not", async () => {
    const gone = await compare((spec) => {
      const responses = spec.paths[ROLES].put.responses;
      responses["202"] = responses["200"];
      delete responses["200"];
    });
    expect(breakingOperations(gone)).toEqual([`PUT ${ROLES}`]);
    expect(breakingOf(gone).map((change) => change.message).join(" ")).toMatch(/`200`/);
    compatibleAt(
      await compare((spec) => (spec.paths[ROLES].put.responses["202"] = { description: "Accepted; the roles change shortly." })),
      `#/paths/${ROLES.replaceAll("/", "~1")}/put/responses/202`,
    );
  });

  it("a dependentRequired entry dropped from a response is breaking; one added is not", async () => {
    const withEntry = (spec: Spec) => (schemas(spec).ProviderDetails.dependentRequired = { prescriber_type: ["prescriber_number"] });
    const dropped = await compare(() => {}, withEntry);
    expect(lines(dropped)).toEqual([`GET ${USER} -> #/components/schemas/ProviderDetails/dependentRequired/prescriber_type`]);
    expect(breakingOf(dropped)[0]!.message).toMatch(/no longer requires `prescriber_number`/);
    compatibleAt(await compare(withEntry), "#/components/schemas/ProviderDetails/dependentRequired/prescriber_type");
  });
});
