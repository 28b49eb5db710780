#!/usr/bin/env node
// parchment-contract serve | verify. See README "Contract checks". The structure and the
// verify command are contract-kit/cli's; this file gives Parchment's names, usage and options.
import { UsageError, docsOption, help, listenOn, parse, portOption, runProgram, serveUntilStopped, verifyCommand } from "contract-kit/cli";
import { startReferenceServer, type ListShape } from "./testing/index.js";
import { verify } from "./verify/verify.js";

const SERVE_USAGE = `usage: parchment-contract serve [--port N] [--json] [--docs FILE] [--list-shape page|envelope|array]
  Serves the reference server on 127.0.0.1 and prints its credentials.
  --port N       the port (default 0: a free one, printed)
  --json         print the credentials as one JSON line
  --docs FILE    also serve FILE (the rendered docs) at /docs
  --list-shape   which documented shape list users answers in (default page)`;

const VERIFY_USAGE = `usage: parchment-contract verify --base-url URL --organization-id ID --organization-secret S --token T
                                 [--user-id U] [--partner-id P --partner-secret PS] [--allow-writes [--allow-create]]
                                 [--max-pages N] [--timeout SECONDS] [--json]
  Checks a server's answers against the contract; exit 0 when every check passes, 1 otherwise.
  --base-url URL              the API root, http(s), without user:password@   (PARCHMENT_BASE_URL)
  --organization-id ID                                                         (PARCHMENT_ORGANIZATION_ID)
  --organization-secret S                                                      (PARCHMENT_ORGANIZATION_SECRET)
  --token T                   a bearer token                                   (PARCHMENT_TOKEN)
  --user-id U                 the user to read; default the first listed       (PARCHMENT_USER_ID)
  --partner-id P              with --partner-secret, also request a token      (PARCHMENT_PARTNER_ID)
  --partner-secret PS         (POST /v1/token; read-only)                      (PARCHMENT_PARTNER_SECRET)
  --allow-writes              also change a user and put it back
  --allow-create              with --allow-writes: also create a user of verify's own, disable and
                              enable it, and leave it disabled; the organisation keeps it
                              (Parchment has no delete). The token must carry create:user and
                              update:user (and read:user, as for every run)
  --max-pages N               list pages to follow through lastKey (default 5)
  --timeout SECONDS           per request, headers and body (default 15)
  --json                      print the report as one JSON line`;

const USAGE = `usage:
  parchment-contract serve [--port N] [--json] [--docs FILE] [--list-shape page|envelope|array]
  parchment-contract verify --base-url URL --organization-id ID --organization-secret S --token T
                            [--user-id U] [--partner-id P --partner-secret PS] [--allow-writes [--allow-create]]
                            [--max-pages N] [--timeout SECONDS] [--json]
  parchment-contract --version | --help | <command> --help`;

const LIST_SHAPES: readonly ListShape[] = ["page", "envelope", "array"];

async function serve(args: string[]): Promise<number> {
  const values = parse(args, { port: { type: "string" }, json: { type: "boolean" }, docs: { type: "string" }, "list-shape": { type: "string" } }, SERVE_USAGE);
  if (values.help) return help(SERVE_USAGE);
  const listShape = (values["list-shape"] ?? "page") as ListShape;
  if (!LIST_SHAPES.includes(listShape)) throw new UsageError(`--list-shape must be one of ${LIST_SHAPES.join(", ")}`, SERVE_USAGE);
  const port = portOption(values.port as string | undefined, SERVE_USAGE);
  const docsHtml = docsOption(values.docs as string | undefined);
  const server = await listenOn(port, () => startReferenceServer({ port, docsHtml, listShape }));
  // Everything a partner's code and verify take, the partner's credentials included (for POST /v1/token).
  const info = {
    baseUrl: server.baseUrl,
    organizationId: server.organizationId,
    organizationSecret: server.organizationSecret,
    token: server.token,
    userId: server.userId,
    partnerId: server.partnerId,
    partnerSecret: server.partnerSecret,
  };
  // The variables the README's samples and verify read, as lines to paste into another shell.
  const exports = Object.entries({
    PARCHMENT_BASE_URL: info.baseUrl,
    PARCHMENT_ORGANIZATION_ID: info.organizationId,
    PARCHMENT_ORGANIZATION_SECRET: info.organizationSecret,
    PARCHMENT_TOKEN: info.token,
    PARCHMENT_USER_ID: info.userId,
    PARCHMENT_PARTNER_ID: info.partnerId,
    PARCHMENT_PARTNER_SECRET: info.partnerSecret,
  }).map(([name, value]) => `  export ${name}='${value}'`);
  if (values.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Parchment reference server listening on ${server.baseUrl}
${docsHtml ? `  docs:                ${server.baseUrl}/docs\n` : ""}  organization id:     ${info.organizationId}
  organization secret: ${info.organizationSecret}
  bearer token:        ${info.token}
  a user id:           ${info.userId}
  partner id / secret: ${server.partnerId} / ${server.partnerSecret}   (for POST /v1/token)

For the README's samples and verify, in another terminal:
${exports.join("\n")}

Try it:
  curl -s '${server.baseUrl}/v1/organizations/${info.organizationId}/users?limit=2' \\
    -H 'Authorization: Bearer ${info.token}' \\
    -H 'x-organization-secret: ${info.organizationSecret}'

Make the next requests fail, to test retries:
  curl -s -X POST ${server.baseUrl}/__reference/faults -H 'content-type: application/json' \\
    -d '{"status": 429, "times": 2, "retryAfterSeconds": 1}'

Stop with Ctrl+C.`);
  }
  return serveUntilStopped(server);
}

const verifyCli = verifyCommand({
  name: "parchment-contract",
  usage: VERIFY_USAGE,
  baseUrlVariable: "PARCHMENT_BASE_URL",
  credentialsGo: "pass them as --token and --organization-secret",
  flags: [
    { flag: "organization-id", option: "organizationId", variable: "PARCHMENT_ORGANIZATION_ID", required: true },
    { flag: "organization-secret", option: "organizationSecret", variable: "PARCHMENT_ORGANIZATION_SECRET", required: true, secret: true },
    { flag: "token", option: "token", variable: "PARCHMENT_TOKEN", required: true, secret: true },
    { flag: "user-id", option: "userId", variable: "PARCHMENT_USER_ID" },
    { flag: "partner-id", option: "partnerId", variable: "PARCHMENT_PARTNER_ID" },
    { flag: "partner-secret", option: "partnerSecret", variable: "PARCHMENT_PARTNER_SECRET", secret: true },
    { flag: "max-pages", option: "maxPages", type: "count" },
    { flag: "allow-create", option: "allowCreate", type: "boolean" },
  ],
  verify,
});

// ../package.json both from src/cli.ts and from the bundled dist/cli.js.
process.exitCode = await runProgram(
  {
    name: "parchment-contract",
    usage: USAGE,
    packageJson: new URL("../package.json", import.meta.url),
    commands: { serve: { usage: SERVE_USAGE, run: serve }, verify: verifyCli },
  },
  process.argv.slice(2),
);
