// The role helpers agree with openapi.yaml's AssignableRole enum (read here from the YAML, not
// from the generated arrays the helpers use), and re-applying a user's roles through them is
// accepted by the reference server, which checks request bodies against the spec.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "contract-pipeline/tools";
import { ACCESS_ROLES, ParchmentApiError, createParchmentClient, isAssignableRole, keepAssignable } from "../../src/index.js";
import { createReferenceHandler } from "../../src/testing/index.js";

const schemas = parse(readFileSync(path.join(repoRoot, "openapi.yaml"), "utf8")).components.schemas;
const specAssignable: string[] = schemas.AssignableRole.enum;
const specAccess: string[] = schemas.AccessRole.enum;

describe("isAssignableRole", () => {
  it("is true exactly for the spec's assignable roles", () => {
    for (const role of specAccess) expect(isAssignableRole(role), role).toBe(specAssignable.includes(role));
    expect(specAccess.filter((role) => !specAssignable.includes(role)).length).toBeGreaterThan(0);
  });

  it("is false for anything else", () => {
    for (const value of ["ADMIN", " admin", "admin ", "", "rx-reader", undefined, null, 0, {}, ["admin"], new String("admin")]) {
      expect(isAssignableRole(value), String(value)).toBe(false);
    }
  });
});

describe("keepAssignable", () => {
  it("keeps the assignable roles, in their order", () => {
    expect(keepAssignable(["owner", "rx_reader", "member", "admin", "support"])).toEqual(["rx_reader", "admin"]);
    expect(keepAssignable([...ACCESS_ROLES])).toEqual(specAccess.filter((role) => specAssignable.includes(role)));
    expect(keepAssignable(undefined)).toEqual([]);
  });

  it("re-applies an owner's roles where the raw list is refused", async () => {
    const handler = createReferenceHandler();
    const client = createParchmentClient({
      baseUrl: "http://reference.test", fetch: handler.fetch, organizationId: handler.organizationId, organizationSecret: handler.organizationSecret, token: handler.token, retry: false,
    });
    let ownerId: string | undefined;
    for await (const summary of client.users.listAll()) {
      if (summary.access_roles?.includes("owner")) { ownerId = summary.user_id; break; }
    }
    expect(ownerId, "the reference server seeds an owner").toBeDefined();
    const owner = await client.users.get(ownerId!);
    // @ts-expect-error owner is not an assignable role, and the server says so too
    const refused = await client.users.setRoles(owner.user_id, owner.access_roles).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ParchmentApiError);
    expect((refused as ParchmentApiError).status).toBe(400);

    const result = await client.users.setRoles(owner.user_id, keepAssignable(owner.access_roles));
    expect(result.access_roles).toEqual(owner.access_roles.filter((role) => specAssignable.includes(role)));
  });
});
