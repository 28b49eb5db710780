// One sample of the per-call benchmark: `node test/bench/per-call.mjs <variant>` warms the
// variant up, times CALLS sequential calls and prints nanoseconds per call. Each sample runs
// in a process of its own (test/bench/run.mjs), so one variant's compiled code, inline caches
// and garbage never land on another's, as in an application that uses one of them.
import createClient from "openapi-fetch";
import { createParchmentClient, createTokenProvider } from "../../dist/index.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const BASE = "https://parchment.bench/external";
const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const HEADERS = { authorization: "Bearer bench-token", "x-organization-secret": "bench-secret" };
const BODY = JSON.stringify({
  success: true, statusCode: 200, message: "User retrieved successfully", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1",
  data: {
    user_id: "usr_abc123def456", email: "darlene.cameron@example.com", full_name: "Dr Darlene Cameron", access_roles: ["admin", "provider"],
    details: { given_name: "Darlene", family_name: "Cameron", title: "Dr", date_of_birth: "1969-10-02T00:00:00.000Z", sex: "F" },
  },
});
const TOKEN_BODY = JSON.stringify({
  success: true, statusCode: 200, message: "Token generated", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_t",
  data: { accessToken: "bench-token", expiresIn: 3600, tokenType: "Bearer", scope: ["read:user"] },
});
const fetch = async (request) =>
  new Response(request.url.endsWith("/v1/token") ? TOKEN_BODY : BODY, { headers: { "content-type": "application/json" } });

const parchment = createParchmentClient({ baseUrl: BASE, organizationId: ORG, organizationSecret: "bench-secret", token: "bench-token", fetch });
const withProvider = createParchmentClient({
  baseUrl: BASE, organizationId: ORG, organizationSecret: "bench-secret", fetch,
  token: createTokenProvider({ baseUrl: BASE, partnerId: "p", partnerSecret: "ps", organizationId: ORG, organizationSecret: "bench-secret", userId: "usr_1", scopes: ["read:user"], fetch }),
});
const bare = createClient({ baseUrl: BASE, fetch });
// The least any client meeting the same guarantees pays on top of openapi-fetch: per attempt a
// deadline signal, a copy of the request carrying it (and redirect: "manual"), and the body
// read before the response is handed on. No checks, no retries, no errors.
const floor = createClient({
  baseUrl: BASE,
  fetch: async (request) => {
    const sent = new Request(request.url, { method: request.method, headers: request.headers, signal: AbortSignal.timeout(30_000), redirect: "manual" });
    const response = await fetch(sent);
    return new Response(await response.text(), { status: response.status, headers: response.headers });
  },
});
const userPath = "/v1/organizations/{organization_id}/users/{user_id}";

const variants = {
  client: async () => (await parchment.users.get("usr_abc123def456")).user_id,
  clientWithProvider: async () => (await withProvider.users.get("usr_abc123def456")).user_id,
  openapiFetch: async () =>
    (await bare.GET(userPath, { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } }, headers: HEADERS })).data.data.user_id,
  primitivesFloor: async () =>
    (await floor.GET(userPath, { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } }, headers: HEADERS })).data.data.user_id,
  rawFetch: async () => {
    const response = await fetch(new Request(`${BASE}/v1/organizations/${ORG}/users/usr_abc123def456`, { headers: HEADERS }));
    return (await response.json()).data.user_id;
  },
};

// What the client's platform primitives cost on their own, per attempt (reported in µs, not as ratios).
const controller = new AbortController();
Object.assign(variants, {
  primitiveSignals: async () => AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]).aborted,
  primitiveRequestCopy: async () => new Request(`${BASE}/v1/x`, { method: "GET", headers: new Headers(HEADERS), redirect: "manual" }).url,
  primitiveBufferedResponse: async () => {
    const response = new Response(BODY, { headers: { "content-type": "application/json" } });
    return new Response(await response.text(), { status: response.status, headers: response.headers }).status;
  },
});

const variant = variants[process.argv[2]];
if (!variant) throw new Error(`usage: per-call.mjs ${Object.keys(variants).join("|")}`);
for (let i = 0; i < CALLS / 2; i++) await variant(); // warm up: the JIT settles, caches fill
globalThis.gc?.();
const start = process.hrtime.bigint();
for (let i = 0; i < CALLS; i++) await variant();
console.log(Number(process.hrtime.bigint() - start) / CALLS);
