// One sample of the validation and hooks benchmark: `node test/bench/observe-per-call.mjs <variant>`
// warms the variant up, times CALLS sequential client.users.get calls on an injected fetch that
// answers at once with a body that matches the contract, and prints nanoseconds per call.
// Each sample runs in a process of its own (test/bench/observe.mjs).
import { createParchmentClient } from "../../dist/index.js";
import { createReferenceHandler } from "../../dist/testing.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const BASE = "https://parchment.bench/external";
// The reference server's own answer to GET user: valid, so "report" validates and reports nothing.
const reference = createReferenceHandler();
const answer = await reference.fetch(new Request(`http://reference.test/v1/organizations/${reference.organizationId}/users/${reference.userId}`, {
  headers: { authorization: `Bearer ${reference.token}`, "x-organization-secret": reference.organizationSecret },
}));
const BODY = await answer.text();
const fetch = async () => new Response(BODY, { headers: { "content-type": "application/json" } });
const common = { baseUrl: BASE, organizationId: reference.organizationId, organizationSecret: reference.organizationSecret, token: reference.token, fetch };
let drifts = 0;
let seen = 0;
const clients = {
  off: createParchmentClient(common),
  report: createParchmentClient({ ...common, validateResponses: "report", onDrift: () => drifts++ }),
  hooks: createParchmentClient({ ...common, onRequest: () => seen++, onResponse: () => seen++ }),
};
const client = clients[process.argv[2]];
if (!client) throw new Error(`usage: observe-per-call.mjs ${Object.keys(clients).join("|")}`);
const call = () => client.users.get(reference.userId);
for (let i = 0; i < CALLS / 2; i++) await call();
globalThis.gc?.();
const start = process.hrtime.bigint();
for (let i = 0; i < CALLS; i++) await call();
if (drifts > 0) throw new Error("the reference server's answer was reported as drift");
console.log(Number(process.hrtime.bigint() - start) / CALLS);
