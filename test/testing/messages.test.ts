// The reference server's validation messages, over HTTP: Parchment's words, each naming its
// field, never ajv's ("must be equal to constant", "must NOT have", "allowedValue").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReferenceServer, type ReferenceServer } from "../../src/testing/index.js";

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ users: 3 });
});
afterAll(() => server.close());

async function put(path: string, body: unknown) {
  const response = await fetch(`${server.baseUrl}/v1/organizations/${server.organizationId}/users/${server.userId}${path}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${server.token}`, "x-organization-secret": server.organizationSecret, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { error: { detail: string; validation: { field: string; message: string; code: string }[] } };
  return { status: response.status, detail: json.error.detail, validation: json.error.validation };
}

const AJV_WORDING = /must be equal to|must NOT|allowedValue|must match|must have required|must be (?:string|integer|array|object|boolean)\b/;

describe("validation messages in Parchment's words", () => {
  it.each([
    ["an unassignable role", { access_roles: ["owner"] }, 400],
    ["no roles", { access_roles: [] }, 400],
    ["a role twice", { access_roles: ["admin", "admin"] }, 400],
    // Not an array at all: Parchment's 422 ("access_roles is required and must be an array").
    ["roles as a string", { access_roles: "admin" }, 422],
  ])("PUT .../roles with %s: access_roles must be a non-empty array of valid roles", async (_name, body, status) => {
    const answer = await put("/roles", body);
    expect(answer.status).toBe(status);
    expect(answer.validation).toEqual([{ field: "access_roles", message: "access_roles must be a non-empty array of valid roles", code: "VALIDATION_ERROR" }]);
  });

  it("PUT .../roles with rx_reader alone: the roles table's rule, once, where ajv gave two messages", async () => {
    const answer = await put("/roles", { access_roles: ["rx_reader"] });
    expect(answer.status).toBe(400);
    expect(answer.detail).toBe("rx_reader needs to be combined with receptionist");
    expect(answer.validation).toEqual([{ field: "access_roles", message: "rx_reader needs to be combined with receptionist", code: "VALIDATION_ERROR" }]);
  });

  it("PUT .../users/{user_id}: each field named in its own message", async () => {
    const answer = await put("", {
      full_name: "",
      provider_details: { date_of_birth: "1990-13-45", sex: "X", prescriber_number: "12345678901", nickname: "Doc" },
    });
    expect(answer.status).toBe(422);
    expect(answer.detail).toBe("There were some problems with your input.");
    const messages = Object.fromEntries(answer.validation.map((issue) => [issue.field, issue.message]));
    expect(messages).toMatchObject({
      full_name: "full_name must not be empty",
      "provider_details.sex": 'provider_details.sex must be one of "M", "F", "I", "N"',
      "provider_details.prescriber_number": "provider_details.prescriber_number must be at most 10 characters",
      "provider_details.nickname": "provider_details.nickname is not a field of this request",
    });
    expect(messages["provider_details.date_of_birth"]).toMatch(/^provider_details\.date_of_birth (must be a date as YYYY-MM-DD|is not in the expected format)$/);
    for (const issue of answer.validation) {
      expect(issue.message.startsWith(issue.field), issue.message).toBe(true);
      expect(issue.message).not.toMatch(AJV_WORDING);
    }
  });
});
