// Secrets (partner secret, organisation secret, bearer token) never appear in an error's
// message, stack, JSON or inspection, nor in an inspection of the client or token provider.
import { describe, expect, it } from "vitest";
import { everyView } from "contract-kit/test-support";
import { createParchmentClient, createTokenProvider } from "../../src/index.js";
import { BASE, ORG, fakeFetch, json, problem, success, type Handler } from "../support/fake-fetch.js";

const PARTNER_SECRET = "ps_SECRET_partner_4f1c";
const ORG_SECRET = "os_SECRET_organisation_9a2e";
const TOKEN = "eyJ_SECRET_bearer_77d0";
const SECRETS = [PARTNER_SECRET, ORG_SECRET, TOKEN];


function expectNoSecret(value: unknown) {
  const text = everyView(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

function setup(userHandler: Handler, tokenHandler: Handler = () => success({ accessToken: TOKEN, expiresIn: 3600, tokenType: "Bearer", scope: ["read:user"] })) {
  const provider = createTokenProvider({
    baseUrl: BASE, partnerId: "partner_acme", partnerSecret: PARTNER_SECRET, organizationId: ORG, organizationSecret: ORG_SECRET,
    userId: "usr_1", scopes: ["read:user"], fetch: fakeFetch(tokenHandler),
  });
  const client = createParchmentClient({
    baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: provider, fetch: fakeFetch(userHandler), retry: false, timeoutMs: 20,
  });
  return { client, provider };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

/** A careless server that reflects the credentials it received into its error text. */
const reflect = (request: Request) =>
  ["authorization", "x-organization-secret", "x-partner-secret"].map((name) => `${name}=${request.headers.get(name)}`).join(" ");

describe("secrets", () => {
  it.each<[string, Handler]>([
    ["an API error that echoes the credentials", (request) => problem(403, { title: `Forbidden ${TOKEN}`, detail: reflect(request) })],
    [
      "validation entries that echo the credentials",
      (request) => problem(422, { validation: [{ field: "authorization", message: reflect(request), code: "VALIDATION_ERROR" }] }),
    ],
    ["a response without envelope", (request) => json(500, { echo: reflect(request) })],
    ["an HTML page", (request) => new Response(`<p>${reflect(request)}</p>`, { status: 502, headers: { "content-type": "text/html" } })],
    ["a network failure", () => { throw new TypeError("fetch failed"); }],
    ["a timeout", () => new Promise<Response>(() => {})],
  ])("are absent from %s", async (_name, handler) => {
    const { client } = setup(handler);
    const error = await errorOf(client.users.get("usr_1"));
    expectNoSecret(error);
  });

  it("are replaced by [redacted] where the server echoed them", async () => {
    const { client } = setup((request) => problem(400, { detail: reflect(request) }));
    const error = (await errorOf(client.users.get("usr_1"))) as Error;
    expect(error.message).toContain("authorization=Bearer [redacted] x-organization-secret=[redacted]");
  });

  it("are absent from a failed token request's error", async () => {
    const { provider } = setup(() => success({}), (request) => problem(401, { detail: reflect(request) }));
    expectNoSecret(await errorOf(provider()));
  });

  it("are absent from the client and the token provider themselves", async () => {
    const { client, provider } = setup(() => success({ user_id: "usr_1" }));
    await provider();
    expectNoSecret(client);
    expectNoSecret(provider);
  });
});

describe("a credential longer than a header can carry (16384 characters)", () => {
  // One character too long, and never echoed: no 12 characters of its body in what is thrown.
  const long = (prefix: string) => `${prefix}${"0123456789abcdef".repeat(1100)}`.slice(0, 16_385);
  const clientWith = (override: Record<string, unknown>) => () =>
    createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: ORG_SECRET, token: TOKEN, fetch: fakeFetch(() => success({})), ...override });
  const providerWith = (override: Record<string, unknown>) => () =>
    createTokenProvider({ baseUrl: BASE, partnerId: "partner_acme", partnerSecret: PARTNER_SECRET, organizationId: ORG, organizationSecret: ORG_SECRET, userId: "usr_1", scopes: ["read:user"], fetch: fakeFetch(() => success({})), ...override });

  it.each([
    ["the client's", "organizationSecret", clientWith({ organizationSecret: long("os_") })],
    ["the client's", "token", clientWith({ token: long("eyJ") })],
    ["the token provider's", "partnerId", providerWith({ partnerId: long("partner_") })],
    ["the token provider's", "partnerSecret", providerWith({ partnerSecret: long("ps_") })],
    ["the token provider's", "organizationSecret", providerWith({ organizationSecret: long("os_") })],
    ["the token provider's", "userId", providerWith({ userId: long("usr_") })],
    ["forUser's", "userId", () => providerWith({})().forUser(long("usr_"))],
  ])("is refused as %s %s, by name, before any request, never echoed", (_who, name, make) => {
    let error: unknown;
    try {
      make();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toEqual(new TypeError(`${name} must be at most 16384 characters (it is sent in a header)`));
    expect(everyView(error)).not.toContain("0123456789ab");
  });
});
