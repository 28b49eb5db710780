// specOperations on a tiny inline spec, no vendor's: the scopes come from whichever security
// scheme the document declares and its requirements name, not from a scheme name the core knows.
import { describe, expect, it } from "vitest";
import { specOperations } from "contract-kit/spec";

const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
const spec = (security: unknown, schemes: Record<string, unknown> = { partnerKey: { type: "apiKey", in: "header", name: "x-key" } }) => ({
  openapi: "3.1.0",
  info: { title: "tiny", version: "1" },
  security,
  components: { securitySchemes: schemes },
  paths: {
    "/things": {
      get: { operationId: "listThings", responses: ok },
      post: { operationId: "addThing", security: [{ partnerKey: ["things:write"] }, { session: [] }], responses: ok },
      delete: { operationId: "public", security: [], responses: ok },
    },
  },
});

describe("specOperations: security from the document's own schemes", () => {
  const schemes = { partnerKey: { type: "apiKey", in: "header", name: "x-key" }, session: { type: "http", scheme: "bearer" } };
  const operations = specOperations(spec([{ partnerKey: ["things:read"], session: [] }], schemes));

  it("reads the document's requirements, whatever the scheme is called", () => {
    expect(operations.get("listThings")).toMatchObject({ method: "GET", path: "/things", schemes: ["partnerKey", "session"], scopes: ["things:read"] });
  });

  it("takes an operation's own requirements over the document's, each alternative's scopes", () => {
    expect(operations.get("addThing")).toMatchObject({ schemes: ["partnerKey", "session"], scopes: ["things:write"] });
  });

  it("gives an operation with security: [] no scheme and no scopes", () => {
    expect(operations.get("public")).toMatchObject({ schemes: [], scopes: [] });
  });

  it("refuses a requirement naming a scheme the document does not declare", () => {
    expect(() => specOperations(spec([{ bearerAuth: ["things:read"] }]))).toThrow('listThings: security scheme "bearerAuth" is not in components.securitySchemes');
  });
});
