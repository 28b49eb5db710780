// One sample of the per-call comparison with a Stainless-generated SDK: `node
// test/bench/stainless-call.mjs ours|stainless` warms one side up, times CALLS sequential
// calls and prints nanoseconds per call. Both sides call the same instant fake fetch, which
// answers each with a JSON body of about the same size; each sample is a process of its own.
import OpenAI from "openai";
import { createParchmentClient } from "../../dist/index.js";

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const ORG = "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c";
const USER = JSON.stringify({
  success: true, statusCode: 200, message: "User retrieved successfully", timestamp: "2024-01-15T10:30:00.000Z", requestId: "req_1",
  data: {
    user_id: "usr_abc123def456", email: "darlene.cameron@example.com", full_name: "Dr Darlene Cameron", access_roles: ["admin", "provider"],
    details: { given_name: "Darlene", family_name: "Cameron", title: "Dr", date_of_birth: "1969-10-02T00:00:00.000Z", sex: "F" },
  },
});
const MODEL = JSON.stringify({ id: "gpt-4o-mini", object: "model", created: 1721172741, owned_by: "system", description: "x".repeat(USER.length - 90) });
// One fetch for both: openapi-fetch passes a Request, the Stainless SDK a URL and an init.
const fetch = async (input) => {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new Response(url.includes("/models/") ? MODEL : USER, { status: 200, headers: { "content-type": "application/json" } });
};

// Each with its defaults: a deadline per attempt, retries, typed errors.
const ours = createParchmentClient({ baseUrl: "https://parchment.bench/external", organizationId: ORG, organizationSecret: "bench-secret", token: "bench-token", fetch });
const stainless = new OpenAI({ apiKey: "bench-key", baseURL: "https://stainless.bench/v1", fetch });

const variants = {
  ours: async () => (await ours.users.get("usr_abc123def456")).user_id,
  stainless: async () => (await stainless.models.retrieve("gpt-4o-mini")).id,
};
const variant = variants[process.argv[2]];
if (!variant) throw new Error(`usage: stainless-call.mjs ${Object.keys(variants).join("|")}`);
for (let i = 0; i < CALLS / 2; i++) await variant();
globalThis.gc?.();
const start = process.hrtime.bigint();
for (let i = 0; i < CALLS; i++) await variant();
console.log(Number(process.hrtime.bigint() - start) / CALLS);
