// Request-side rules of the breaking-change gate: each rule with a spec variant the gate must
// catch (naming the operation, what changed and the JSON pointer) and one it must let pass
// (listed as compatible, nothing breaking).
import { describe, expect, it } from "vitest";
import { nextVersion, type Change } from "contract-pipeline/breaking/index";
import { breakingOf, ROLES, TOKEN, USER, USERS, variants, type Spec } from "./support.js";

const { compare } = variants();
const schemas = (spec: Spec) => spec.components.schemas;
const parameters = (spec: Spec) => spec.components.parameters;

/** Exactly the breaking lines expected, and each well formed. */
function expectBreaking(changes: Change[], expected: { operation: string; pointer: string; message: RegExp; place?: string }[]) {
  const breaking = breakingOf(changes);
  expect(breaking.map(({ operation, pointer }) => ({ operation, pointer })).sort(byKey)).toEqual(expected.map(({ operation, pointer }) => ({ operation, pointer })).sort(byKey));
  for (const want of expected) {
    const found = breaking.find((change) => change.operation === want.operation && change.pointer === want.pointer)!;
    expect(found.message).toMatch(want.message);
    if (want.place) expect(found.place).toBe(want.place);
  }
}
const byKey = (a: { operation: string; pointer: string }, b: { operation: string; pointer: string }) => `${a.operation} ${a.pointer}`.localeCompare(`${b.operation} ${b.pointer}`);

/** Something changed, and none of it is breaking. */
function expectCompatible(changes: Change[], pointer: string) {
  expect(breakingOf(changes)).toEqual([]);
  expect(changes.map((change) => change.pointer)).toContain(pointer);
}

describe("request side", () => {
  it("an operation removed is breaking; one added is not", async () => {
    expectBreaking(await compare((spec) => delete spec.paths[ROLES].put), [
      { operation: `PUT ${ROLES}`, pointer: `#/paths/${enc(ROLES)}/put`, message: /removed/i },
    ]);
    expectCompatible(
      await compare((spec) => (spec.paths[ROLES].get = { operationId: "readRoles", summary: "Read roles", responses: { "200": { description: "ok" } } })),
      `#/paths/${enc(ROLES)}/get`,
    );
  });

  it("new operations (a POST with a required body, a PUT with an optional one under a new path) are compatible, each a minor change", async () => {
    const json = (schema: Spec) => ({ "application/json": { schema } });
    const body = { type: "object", additionalProperties: false, required: ["email"], properties: { email: { type: "string" } } };
    const changes = await compare((spec) => {
      spec.paths[USERS].post = { operationId: "createThing", summary: "Create", requestBody: { required: true, content: json(body) }, responses: { "201": { description: "created" } } };
      spec.paths[`${USER}/disable`] = {
        put: { operationId: "disableThing", summary: "Disable", requestBody: { required: false, content: json({ type: "object" }) }, responses: { "200": { description: "ok" } } },
      };
    });
    expect(breakingOf(changes)).toEqual([]);
    expect(changes.map(({ operation, impact }) => [operation, impact])).toEqual([
      [`POST ${USERS}`, "minor"],
      [`PUT ${USER}/disable`, "minor"],
    ]);
    expect([nextVersion("0.1.3", changes), nextVersion("1.4.2", changes)]).toEqual(["0.2.0", "1.5.0"]);
  });

  it("a documented status removed is breaking; one added is not", async () => {
    expectBreaking(await compare((spec) => delete spec.paths[USER].get.responses["404"]), [
      { operation: `GET ${USER}`, pointer: `#/paths/${enc(USER)}/get/responses/404`, message: /404.*removed/, place: "response 404" },
    ]);
    expectCompatible(
      await compare((spec) => (spec.paths[USER].get.responses["409"] = { $ref: "#/components/responses/Conflict" })),
      `#/paths/${enc(USER)}/get/responses/409`,
    );
  });

  it("a new required query parameter is breaking; a new optional one is not", async () => {
    const add = (required: boolean) => (spec: Spec) => spec.paths[USERS].get.parameters.push({ name: "role", in: "query", required, schema: { type: "string" } });
    expectBreaking(await compare(add(true)), [
      { operation: `GET ${USERS}`, pointer: `#/paths/${enc(USERS)}/get/parameters/2/required`, message: /Required `role` query parameter/, place: "parameter role (query)" },
    ]);
    expectCompatible(await compare(add(false)), `#/paths/${enc(USERS)}/get/parameters/2`);
  });

  it("a new required header (in a shared parameter every user operation reaches) is breaking; an optional one is not", async () => {
    // A parameter on the path item reaches every operation under it.
    const add = (required: boolean) => (spec: Spec) => spec.paths[USER].parameters.push({ name: "x-request-id", in: "header", required, schema: { type: "string" } });
    const caught = await compare(add(true));
    expectBreaking(caught, [
      { operation: `GET ${USER}`, pointer: `#/paths/${enc(USER)}/parameters/2/required`, message: /x-request-id.*header/ },
      { operation: `PUT ${USER}`, pointer: `#/paths/${enc(USER)}/parameters/2/required`, message: /x-request-id.*header/ },
    ]);
    expectCompatible(await compare(add(false)), `#/paths/${enc(USER)}/parameters/2`);
  });

  it("an optional parameter made required is breaking at every operation using it", async () => {
    expectBreaking(await compare((spec) => (parameters(spec).Limit.required = true)), [
      { operation: `GET ${USERS}`, pointer: "#/components/parameters/Limit/required", message: /`limit` query parameter became required/ },
    ]);
  });

  it("a new required body field is breaking; a new optional one is not", async () => {
    expectBreaking(await compare((spec) => (schemas(spec).UpdateUserRequest.required = ["full_name"])), [
      { operation: `PUT ${USER}`, pointer: "#/components/schemas/UpdateUserRequest/required", message: /became required: `full_name`/, place: "request body" },
    ]);
    expectCompatible(
      await compare((spec) => (schemas(spec).UpdateUserRequest.properties.nickname = { type: "string", maxLength: 64 })),
      "#/components/schemas/UpdateUserRequest/properties/nickname",
    );
  });

  it("a type that accepts less is breaking; one that accepts more is not", async () => {
    expectBreaking(await compare((spec) => (parameters(spec).Limit.schema.type = "string")), [
      { operation: `GET ${USERS}`, pointer: "#/components/parameters/Limit/schema/type", message: /narrowed from 'integer' to 'string'/ },
    ]);
    expectCompatible(await compare((spec) => (parameters(spec).Limit.schema.type = "number")), "#/components/parameters/Limit/schema/type");
  });

  it("an enum that accepts less is breaking; one that accepts more is not (items of an array)", async () => {
    expectBreaking(await compare((spec) => schemas(spec).AssignableRole.enum.pop()), [
      { operation: `PUT ${ROLES}`, pointer: "#/components/schemas/AssignableRole/enum", message: /lost values: 'rx_queue_manager'/ },
    ]);
    expectCompatible(await compare((spec) => schemas(spec).AssignableRole.enum.push("support")), "#/components/schemas/AssignableRole/enum");
  });

  it("a pattern added or changed is breaking; one removed is not", async () => {
    const dateOfBirth = "#/components/schemas/ProviderDetailsUpdate/properties/date_of_birth/pattern";
    expectBreaking(await compare((spec) => (schemas(spec).ProviderDetailsUpdate.properties.phone.pattern = "^0[0-9]{9}$")), [
      { operation: `PUT ${USER}`, pointer: "#/components/schemas/ProviderDetailsUpdate/properties/phone/pattern", message: /pattern.*phone/ },
    ]);
    expectBreaking(await compare((spec) => (schemas(spec).ProviderDetailsUpdate.properties.date_of_birth.pattern = "^19[0-9]{2}-[0-9]{2}-[0-9]{2}$")), [
      { operation: `PUT ${USER}`, pointer: dateOfBirth, message: /pattern.*date_of_birth.*changed/ },
    ]);
    const relaxed = await compare((spec) => delete schemas(spec).ProviderDetailsUpdate.properties.date_of_birth.pattern);
    expect(breakingOf(relaxed)).toEqual([]);
    expect(relaxed.map((change) => change.pointer).join(" ")).toContain("/properties/date_of_birth");
  });

  it("a shorter maximum length is breaking; a longer one is not", async () => {
    const phone = "#/components/schemas/ProviderDetailsUpdate/properties/phone/maxLength";
    expectBreaking(await compare((spec) => (schemas(spec).ProviderDetailsUpdate.properties.phone.maxLength = 10)), [
      { operation: `PUT ${USER}`, pointer: phone, message: /maxLength.*'20' to '10'/ },
    ]);
    expectCompatible(await compare((spec) => (schemas(spec).ProviderDetailsUpdate.properties.phone.maxLength = 30)), phone);
  });

  it("a narrower range (or fewer items) is breaking; a wider one is not", async () => {
    expectBreaking(await compare((spec) => (parameters(spec).Limit.schema.minimum = 5)), [
      { operation: `GET ${USERS}`, pointer: "#/components/parameters/Limit/schema/minimum", message: /'>= 1' to '>= 5'/ },
    ]);
    expectBreaking(await compare((spec) => (schemas(spec).UpdateUserRolesRequest.properties.access_roles.maxItems = 3)), [
      { operation: `PUT ${ROLES}`, pointer: "#/components/schemas/UpdateUserRolesRequest/properties/access_roles/maxItems", message: /maxItems.*'5' to '3'/ },
    ]);
    expectCompatible(await compare((spec) => (parameters(spec).Limit.schema.maximum = 200)), "#/components/parameters/Limit/schema/maximum");
  });

  it("a request body that becomes required is breaking; one that becomes optional is not", async () => {
    const body = `#/paths/${enc(USER)}/put/requestBody/required`;
    const optional = (spec: Spec) => (spec.paths[USER].put.requestBody.required = false);
    const caught = await compare(() => {}, optional);
    expectBreaking(caught, [{ operation: `PUT ${USER}`, pointer: body, message: /request body.*required/i }]);
    expectCompatible(await compare(optional), body);
  });

  it("a new dependentRequired entry is breaking (redocly rates it a patch); one removed is not", async () => {
    const entry = "#/components/schemas/ProviderDetailsUpdate/dependentRequired";
    expectBreaking(await compare((spec) => (schemas(spec).ProviderDetailsUpdate.dependentRequired.sex = ["date_of_birth"])), [
      { operation: `PUT ${USER}`, pointer: `${entry}/sex`, message: /`sex` now requires `date_of_birth`/, place: "request body" },
    ]);
    // A new name in an existing entry asks for more too.
    expectBreaking(await compare((spec) => schemas(spec).ProviderDetailsUpdate.dependentRequired.prescriber_type.push("ahpra_number")), [
      { operation: `PUT ${USER}`, pointer: `${entry}/prescriber_type`, message: /`prescriber_type` now requires `ahpra_number`/ },
    ]);
    expectCompatible(await compare((spec) => delete schemas(spec).ProviderDetailsUpdate.dependentRequired), `${entry}/prescriber_type`);
  });

  it("a field made required by if/then is breaking; one no longer required is not", async () => {
    const then = "#/components/schemas/ProviderDetailsUpdate/then/required";
    expectBreaking(await compare((spec) => schemas(spec).ProviderDetailsUpdate.then.required.push("provider_number")), [
      { operation: `PUT ${USER}`, pointer: then, message: /became required: `provider_number`/ },
    ]);
    const relaxed = await compare((spec) => (schemas(spec).ProviderDetailsUpdate.then.required = []));
    expect(breakingOf(relaxed)).toEqual([]);
    expect(relaxed.length).toBeGreaterThan(0);
  });

  it("a security scheme changed is breaking at every operation that uses it; the top-level security at those that inherit it", async () => {
    const scheme = await compare((spec) => (spec.components.securitySchemes.organizationSecret.name = "x-org-secret"));
    expect([...new Set(breakingOf(scheme).map((change) => change.operation))].sort()).toEqual([`GET ${USERS}`, `GET ${USER}`, `PUT ${USER}`, `PUT ${ROLES}`].sort());
    for (const change of breakingOf(scheme)) expect(change).toMatchObject({ pointer: "#/components/securitySchemes/organizationSecret/name", place: "security scheme organizationSecret" });

    const inherits = (spec: Spec) => delete spec.paths[USER].get.security;
    const scopes = await compare((spec) => {
      inherits(spec);
      spec.security = [{ bearerAuth: ["read:everything"], organizationSecret: [] }];
    }, inherits);
    expectBreaking(scopes, [{ operation: `GET ${USER}`, pointer: "#/security/0/bearerAuth", message: /requires new scopes: 'read:everything'/, place: "security" }]);
  });

  it("a server removed is breaking at every operation; a server added is not", async () => {
    const removed = await compare((spec) => spec.servers.pop());
    expect(breakingOf(removed).map((change) => `${change.operation} ${change.pointer}`).sort()).toEqual(
      [`GET ${USERS}`, `GET ${USER}`, `PUT ${USER}`, `PUT ${ROLES}`, `POST ${TOKEN}`].map((operation) => `${operation} #/servers/1`).sort(),
    );
    expectCompatible(await compare((spec) => spec.servers.push({ url: "https://api.eu.parchmenthealth.io/external" })), "#/servers/2");
  });

  it("a new value in an enum both sides share is compatible in the request and breaking in the response", async () => {
    const changes = await compare((spec) => schemas(spec).Scope.enum.push("read:everything"));
    expectBreaking(changes, [{ operation: `POST ${TOKEN}`, pointer: "#/components/schemas/Scope/enum", message: /gained values: 'read:everything'/, place: "response 200" }]);
    expect(changes.filter((change) => !change.breaking).map(({ operation, place, pointer }) => ({ operation, place, pointer }))).toContainEqual({
      operation: `POST ${TOKEN}`,
      place: "request body",
      pointer: "#/components/schemas/Scope/enum",
    });
  });
});

function enc(template: string) {
  return template.replaceAll("~", "~0").replaceAll("/", "~1");
}
