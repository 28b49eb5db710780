// Runs one README code block (compiled) the way a reader would run it, against a reference
// server instead of Parchment: `node readme-runner.mjs out-readme/readme/README-30.js`.
// The block's requests to Parchment's servers (sandbox, production) go to a reference server
// started here, whose credentials stand in for the PARCHMENT_* variables the README reads;
// a request to any other host than 127.0.0.1 fails the run. The block passes when it runs to
// its end without throwing; whatever it leaves open (a server of its own) ends with the process.
import path from "node:path";
import { pathToFileURL } from "node:url";

const realFetch = globalThis.fetch;
let redirects = [];
let requests = 0;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const hasBody = !["GET", "HEAD"].includes(request.method);
  const body = hasBody ? await request.arrayBuffer() : undefined;
  for (const [from, to] of redirects) {
    if (request.url.startsWith(from)) {
      requests++;
      return realFetch(to + request.url.slice(from.length), { method: request.method, headers: request.headers, body, signal: request.signal });
    }
  }
  const { hostname, origin } = new URL(request.url);
  if (hostname !== "127.0.0.1") throw new Error(`the README block called ${origin}: only Parchment's servers (answered by a reference server) and 127.0.0.1 are allowed here`);
  return realFetch(request.url, { method: request.method, headers: request.headers, body, signal: request.signal });
};

const { PARCHMENT_SERVERS } = await import("parchment-contract");
const { startReferenceServer } = await import("parchment-contract/testing");
const server = await startReferenceServer();
redirects = Object.values(PARCHMENT_SERVERS).map((url) => [url, server.baseUrl]);
Object.assign(process.env, {
  PARCHMENT_PARTNER_ID: server.partnerId,
  PARCHMENT_PARTNER_SECRET: server.partnerSecret,
  PARCHMENT_ORGANIZATION_ID: server.organizationId,
  PARCHMENT_ORGANIZATION_SECRET: server.organizationSecret,
  PARCHMENT_USER_ID: server.userId,
  PARCHMENT_TOKEN: server.token,
});

await import(pathToFileURL(path.resolve(process.argv[2])).href);
console.log(`readme block ran on ${process.version}: ${requests} requests to Parchment answered by the reference server`);
process.exit(0);
