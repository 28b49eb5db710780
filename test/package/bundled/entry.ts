// A consumer's code as it ships after their bundler has minified it (test/package/bundled.test.ts).
import { createParchmentClient, ParchmentApiError } from "../../../src/index.js";

const envelope = (status: number, body: object) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const client = createParchmentClient({
  baseUrl: "https://parchment.test/external",
  organizationId: "3f6c1b2a-8d4e-4f5a-9b7c-1d2e3f4a5b6c",
  organizationSecret: "org-secret",
  token: "token",
  // Ten minutes: a deadline that kept the process alive would hang this script.
  timeoutMs: 600_000,
  fetch: async (request) =>
    request.url.endsWith("/usr_1")
      ? envelope(200, { success: true, requestId: "req_1", data: { user_id: "usr_1" } })
      : envelope(404, { success: false, requestId: "req_2", error: { type: "about:blank", title: "Not Found", detail: "no such user" } }),
});

const user = await client.users.get("usr_1");
const error = await client.users.get("usr_2").catch((caught: unknown) => caught);
console.log(JSON.stringify({ user: user.user_id, name: (error as Error).name, isApiError: error instanceof ParchmentApiError }));
