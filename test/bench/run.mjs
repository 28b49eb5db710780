// Benchmarks, reported as ratios measured in one run (these machines are noisy, so no
// absolute timings are asserted anywhere):
//   1. per-call cost of client.users.get against bare openapi-fetch and against fetch + json(),
//      all three on the same injected fetch; median of paired rounds in shuffled order;
//   2. gzip size of a minified consumer bundle against one of bare openapi-fetch.
// Usage: npm run bench   (builds dist/ first)
import { build } from "esbuild";
import createClient from "openapi-fetch";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createParchmentClient, createTokenProvider } from "../../dist/src/index.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
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
const userPath = "/v1/organizations/{organization_id}/users/{user_id}";

const variants = {
  client: async () => (await parchment.users.get("usr_abc123def456")).user_id,
  clientWithProvider: async () => (await withProvider.users.get("usr_abc123def456")).user_id,
  openapiFetch: async () =>
    (await bare.GET(userPath, { params: { path: { organization_id: ORG, user_id: "usr_abc123def456" } }, headers: HEADERS })).data.data.user_id,
  rawFetch: async () => {
    const response = await fetch(new Request(`${BASE}/v1/organizations/${ORG}/users/usr_abc123def456`, { headers: HEADERS }));
    return (await response.json()).data.user_id;
  },
};

async function time(fn) {
  globalThis.gc?.(); // start each block with a clean heap, so one variant's garbage is not billed to the next
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) await fn();
  return Number(process.hrtime.bigint() - start) / CALLS; // ns per call
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function overhead() {
  for (const fn of Object.values(variants)) await time(fn); // warm up
  const perRound = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = Object.keys(variants).sort(() => Math.random() - 0.5);
    const ns = {};
    for (const name of order) ns[name] = await time(variants[name]);
    perRound.push(ns);
  }
  return {
    vsOpenapiFetch: median(perRound.map((ns) => ns.client / ns.openapiFetch)),
    vsRawFetch: median(perRound.map((ns) => ns.client / ns.rawFetch)),
    providerVsOpenapiFetch: median(perRound.map((ns) => ns.clientWithProvider / ns.openapiFetch)),
    clientUs: median(perRound.map((ns) => ns.client)) / 1000,
    openapiFetchUs: median(perRound.map((ns) => ns.openapiFetch)) / 1000,
    rawFetchUs: median(perRound.map((ns) => ns.rawFetch)) / 1000,
  };
}

async function gzipBytes(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "silent",
    mainFields: ["module", "main"],
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

async function size() {
  const bareBytes = await gzipBytes(`import createClient from "openapi-fetch"; globalThis.out = [createClient];`);
  const clientBytes = await gzipBytes(
    `import { createParchmentClient, createTokenProvider, ParchmentApiError } from "./dist/src/index.js"; globalThis.out = [createParchmentClient, createTokenProvider, ParchmentApiError];`,
  );
  const clientOnlyBytes = await gzipBytes(
    `import { createParchmentClient, ParchmentApiError } from "./dist/src/index.js"; globalThis.out = [createParchmentClient, ParchmentApiError];`,
  );
  return { bareBytes, clientBytes, extraBytes: clientBytes - bareBytes, clientOnlyExtra: clientOnlyBytes - bareBytes };
}

const o = await overhead();
const s = await size();
const lines = [
  `| measure | result | target |`,
  `|---|---|---|`,
  `| client.users.get / bare openapi-fetch GET, per call | ${o.vsOpenapiFetch.toFixed(3)}x | <= 1.10x |`,
  `| same, token from createTokenProvider (cached) | ${o.providerVsOpenapiFetch.toFixed(3)}x | (reference) |`,
  `| client.users.get / fetch + json(), per call | ${o.vsRawFetch.toFixed(3)}x | (reference) |`,
  `| minified consumer bundle, gzip: client + token provider | ${s.clientBytes} B vs ${s.bareBytes} B bare openapi-fetch (+${(s.extraBytes / 1024).toFixed(2)} kB) | <= +1.5 kB |`,
  `| same, client without the token provider | +${(s.clientOnlyExtra / 1024).toFixed(2)} kB | (reference) |`,
  "",
  `median per call: client ${o.clientUs.toFixed(1)} µs, openapi-fetch ${o.openapiFetchUs.toFixed(1)} µs, fetch + json() ${o.rawFetchUs.toFixed(1)} µs`,
  `(${ROUNDS} rounds of ${CALLS} calls each, Node ${process.version})`,
];
console.log(lines.join("\n"));
const failed = o.vsOpenapiFetch > 1.1 || s.extraBytes > 1536;
if (process.argv.includes("--check") && failed) process.exit(1);
