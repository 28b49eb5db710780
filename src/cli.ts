#!/usr/bin/env node
// parchment-contract serve | verify. See README "Contract checks".
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startReferenceServer } from "./testing/index.js";
import { baseUrlOption } from "./options.js";
import { createRedactor } from "./redact.js";
import { formatReport } from "./verify/report.js";
import { verify } from "./verify/verify.js";

const USAGE = `usage:
  parchment-contract serve [--port N] [--json] [--docs FILE]
  parchment-contract verify --base-url URL --organization-id ID --organization-secret S --token T
                            [--user-id U] [--allow-writes] [--json]
  (verify also reads PARCHMENT_BASE_URL, PARCHMENT_ORGANIZATION_ID, PARCHMENT_ORGANIZATION_SECRET,
   PARCHMENT_TOKEN and PARCHMENT_USER_ID)`;

class UsageError extends Error {}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: "string" }, json: { type: "boolean" }, docs: { type: "string" } } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0-65535), got ${values.port}`);
  let docsHtml: string | undefined;
  if (values.docs) {
    try {
      docsHtml = readFileSync(values.docs, "utf8");
    } catch {
      throw new UsageError(`--docs: cannot read ${values.docs} (run npm run docs first)`);
    }
  }
  const server = await startReferenceServer({ port, docsHtml });
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
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return 0;
}

async function runVerify(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "base-url": { type: "string" },
      "organization-id": { type: "string" },
      "organization-secret": { type: "string" },
      token: { type: "string" },
      "user-id": { type: "string" },
      "allow-writes": { type: "boolean" },
      json: { type: "boolean" },
    },
  });
  const env = process.env;
  const option = (flag: keyof typeof values, variable: string) => {
    const value = (values[flag] as string | undefined) ?? env[variable];
    return value === "" ? undefined : value;
  };
  const required = (flag: keyof typeof values, variable: string) => {
    const value = option(flag, variable);
    if (!value) throw new UsageError(`--${flag} (or ${variable}) is required`);
    return value;
  };
  let baseUrl: string;
  try {
    baseUrl = baseUrlOption(required("base-url", "PARCHMENT_BASE_URL"));
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError("--base-url must be an absolute http(s) URL");
    throw error;
  }
  const organizationSecret = required("organization-secret", "PARCHMENT_ORGANIZATION_SECRET");
  const token = required("token", "PARCHMENT_TOKEN");
  const report = await verify({
    baseUrl,
    organizationId: required("organization-id", "PARCHMENT_ORGANIZATION_ID"),
    organizationSecret,
    token,
    userId: option("user-id", "PARCHMENT_USER_ID"),
    allowWrites: values["allow-writes"] ?? false,
  });
  const { redact } = createRedactor([token, organizationSecret]);
  console.log(redact(values.json ? JSON.stringify(report) : formatReport(report)));
  return report.ok ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "serve") return await serve(rest);
    if (command === "verify") return await runVerify(rest);
    if (command === undefined || command === "--help" || command === "-h") {
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`parchment-contract: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
