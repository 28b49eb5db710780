#!/usr/bin/env node
// parchment-contract serve | verify. See README "Contract checks".
import { readFileSync } from "node:fs";
import { CommandError, UsageError, baseUrlFlag, help, listenOn, optionsFrom, parse, portOption, runProgram, timeoutFlag, untilStopped } from "contract-kit/cli";
import { createRedactor } from "contract-kit/http";
import { startReferenceServer, type ListShape } from "./testing/index.js";
import { formatReport } from "contract-kit/verify";
import { verify, type VerifyReport } from "./verify/verify.js";

const SERVE_USAGE = `usage: parchment-contract serve [--port N] [--json] [--docs FILE] [--list-shape page|envelope|array]
  Serves the reference server on 127.0.0.1 and prints its credentials.
  --port N       the port (default 0: a free one, printed)
  --json         print the credentials as one JSON line
  --docs FILE    also serve FILE (the rendered docs) at /docs
  --list-shape   which documented shape list users answers in (default page)`;

const VERIFY_USAGE = `usage: parchment-contract verify --base-url URL --organization-id ID --organization-secret S --token T
                                 [--user-id U] [--allow-writes] [--max-pages N] [--timeout SECONDS] [--json]
  Checks a server's answers against the contract; exit 0 when every check passes, 1 otherwise.
  --base-url URL              the API root, http(s), without user:password@   (PARCHMENT_BASE_URL)
  --organization-id ID                                                         (PARCHMENT_ORGANIZATION_ID)
  --organization-secret S                                                      (PARCHMENT_ORGANIZATION_SECRET)
  --token T                   a bearer token                                   (PARCHMENT_TOKEN)
  --user-id U                 the user to read; default the first listed       (PARCHMENT_USER_ID)
  --allow-writes              also change a user and put it back
  --max-pages N               list pages to follow through lastKey (default 5)
  --timeout SECONDS           per request, headers and body (default 15)
  --json                      print the report as one JSON line`;

const USAGE = `usage:
  parchment-contract serve [--port N] [--json] [--docs FILE] [--list-shape page|envelope|array]
  parchment-contract verify --base-url URL --organization-id ID --organization-secret S --token T
                            [--user-id U] [--allow-writes] [--max-pages N] [--timeout SECONDS] [--json]
  parchment-contract --version | --help | <command> --help`;

const LIST_SHAPES: readonly ListShape[] = ["page", "envelope", "array"];

async function serve(args: string[]): Promise<number> {
  const values = parse(args, { port: { type: "string" }, json: { type: "boolean" }, docs: { type: "string" }, "list-shape": { type: "string" } }, SERVE_USAGE);
  if (values.help) return help(SERVE_USAGE);
  const listShape = (values["list-shape"] ?? "page") as ListShape;
  if (!LIST_SHAPES.includes(listShape)) throw new UsageError(`--list-shape must be one of ${LIST_SHAPES.join(", ")}`, SERVE_USAGE);
  const port = portOption(values.port as string | undefined, SERVE_USAGE);
  let docsHtml: string | undefined;
  if (values.docs) {
    try {
      docsHtml = readFileSync(values.docs as string, "utf8");
    } catch {
      throw new CommandError(`--docs: cannot read ${values.docs} (run npm run docs first)`);
    }
  }
  const server = await listenOn(port, () => startReferenceServer({ port, docsHtml, listShape }));
  const info = { baseUrl: server.baseUrl, organizationId: server.organizationId, organizationSecret: server.organizationSecret, token: server.token, userId: server.userId };
  if (values.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Parchment reference server listening on ${server.baseUrl}
${docsHtml ? `  docs:                ${server.baseUrl}/docs\n` : ""}  organization id:     ${info.organizationId}
  organization secret: ${info.organizationSecret}
  bearer token:        ${info.token}
  a user id:           ${info.userId}
  partner id / secret: ${server.partnerId} / ${server.partnerSecret}   (for POST /v1/token)

Try it:
  curl -s '${server.baseUrl}/v1/organizations/${info.organizationId}/users?limit=2' \\
    -H 'Authorization: Bearer ${info.token}' \\
    -H 'x-organization-secret: ${info.organizationSecret}'

Make the next requests fail, to test retries:
  curl -s -X POST ${server.baseUrl}/__reference/faults -H 'content-type: application/json' \\
    -d '{"status": 429, "times": 2, "retryAfterSeconds": 1}'

Stop with Ctrl+C.`);
  }
  await untilStopped();
  await server.close();
  return 0;
}

const VERIFY_OPTIONS = {
  "base-url": { type: "string" },
  "organization-id": { type: "string" },
  "organization-secret": { type: "string" },
  token: { type: "string" },
  "user-id": { type: "string" },
  "allow-writes": { type: "boolean" },
  "max-pages": { type: "string" },
  timeout: { type: "string" },
  json: { type: "boolean" },
} as const;

// In usage order, so that every missing one is named at once, in the order the usage shows.
const REQUIRED = [
  ["base-url", "PARCHMENT_BASE_URL"],
  ["organization-id", "PARCHMENT_ORGANIZATION_ID"],
  ["organization-secret", "PARCHMENT_ORGANIZATION_SECRET"],
  ["token", "PARCHMENT_TOKEN"],
] as const;

async function runVerify(args: string[]): Promise<number> {
  const values = parse(args, VERIFY_OPTIONS, VERIFY_USAGE);
  if (values.help) return help(VERIFY_USAGE);
  const option = optionsFrom(values, REQUIRED, VERIFY_USAGE);
  const organizationSecret = option("organization-secret", "PARCHMENT_ORGANIZATION_SECRET")!;
  const token = option("token", "PARCHMENT_TOKEN")!;
  // Every line printed from here on goes through this, whatever a server sent back.
  const redactor = createRedactor([token, organizationSecret]);

  const baseUrl = baseUrlFlag(option("base-url", "PARCHMENT_BASE_URL")!, VERIFY_USAGE, "pass them as --token and --organization-secret");
  const maxPagesText = option("max-pages");
  const maxPages = maxPagesText === undefined ? undefined : /^\d+$/.test(maxPagesText) && Number(maxPagesText) >= 1 ? Number(maxPagesText) : Number.NaN;
  if (Number.isNaN(maxPages)) throw new UsageError(`--max-pages must be a whole number of at least 1, got ${JSON.stringify(redactor.redact(maxPagesText!))}`, VERIFY_USAGE);
  const timeoutMs = timeoutFlag(option("timeout"), VERIFY_USAGE, redactor.redact);

  let report: VerifyReport;
  try {
    report = await verify({
      baseUrl,
      organizationId: option("organization-id", "PARCHMENT_ORGANIZATION_ID")!,
      organizationSecret,
      token,
      userId: option("user-id", "PARCHMENT_USER_ID"),
      allowWrites: values["allow-writes"] === true,
      maxPages,
      timeoutMs,
    });
  } catch (error) {
    // Not expected (verify reports what a server does rather than throwing), but still a
    // report, in the format asked for, and redacted.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failed = { ok: false, baseUrl, checks: [], error: `verify stopped: ${reason}` };
    console.log(redactor.redact(values.json ? JSON.stringify(failed) : `parchment-contract verify ${baseUrl}\n${failed.error}`));
    return 1;
  }
  console.log(redactor.redact(values.json ? JSON.stringify(report) : formatReport(report)));
  return report.ok ? 0 : 1;
}

// ../package.json both from src/cli.ts and from the bundled dist/cli.js.
process.exitCode = await runProgram(
  {
    name: "parchment-contract",
    usage: USAGE,
    packageJson: new URL("../package.json", import.meta.url),
    commands: { serve: { usage: SERVE_USAGE, run: serve }, verify: { usage: VERIFY_USAGE, run: runVerify } },
  },
  process.argv.slice(2),
);
