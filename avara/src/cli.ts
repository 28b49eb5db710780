#!/usr/bin/env node
// avara-autoscribe-contract serve | verify. See README "Contract checks". The structure
// (usage errors, --help, --version, busy ports) is shared with parchment-contract.
import { baseUrlFlag, help, listenOn, optionsFrom, parse, portOption, runProgram, timeoutFlag, untilStopped } from "contract-kit/cli";
import { createRedactor } from "contract-kit/http";
import { formatReport } from "contract-kit/verify";
import { startReferenceServer } from "./testing/index.js";
import { verify, type VerifyReport } from "./verify/verify.js";

const NAME = "avara-autoscribe-contract";

const SERVE_USAGE = `usage: ${NAME} serve [--port N] [--json]
  Serves the reference server on 127.0.0.1 and prints its API key and a user id.
  --port N       the port (default 0: a free one, printed)
  --json         print {baseUrl, apiKey, userId} as one JSON line`;

const VERIFY_USAGE = `usage: ${NAME} verify --base-url URL --api-key K --user-id U [--allow-writes] [--timeout SECONDS] [--json]
  Checks a server's answers against the contract; exit 0 when every check passes, 1 otherwise.
  --base-url URL       the API root, http(s), without user:password@   (AVARA_BASE_URL)
  --api-key K          the clinic's API key                             (AVARA_API_KEY)
  --user-id U          the user to read (usr_ + 32 hex)                 (AVARA_USER_ID)
  --allow-writes       also update the user with its own current values, and send an update the contract refuses
  --timeout SECONDS    per request, headers and body (default 15)
  --json               print the report as one JSON line`;

const USAGE = `usage:
  ${NAME} serve [--port N] [--json]
  ${NAME} verify --base-url URL --api-key K --user-id U [--allow-writes] [--timeout SECONDS] [--json]
  ${NAME} --version | --help | <command> --help`;

async function serve(args: string[]): Promise<number> {
  const values = parse(args, { port: { type: "string" }, json: { type: "boolean" } }, SERVE_USAGE);
  if (values.help) return help(SERVE_USAGE);
  const port = portOption(values.port as string | undefined, SERVE_USAGE);
  const server = await listenOn(port, () => startReferenceServer({ port }));
  const info = { baseUrl: server.baseUrl, apiKey: server.apiKey, userId: server.userId };
  if (values.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Avara AutoScribe reference server listening on ${server.baseUrl}
  API key:    ${info.apiKey}
  a user id:  ${info.userId}   (${server.userIds.length} users in all)

Try it:
  curl -s ${server.baseUrl}/v1/autoScribe/users/${info.userId} -H 'Authorization: Bearer ${info.apiKey}'

Stop with Ctrl+C.`);
  }
  await untilStopped();
  await server.close();
  return 0;
}

const VERIFY_OPTIONS = {
  "base-url": { type: "string" },
  "api-key": { type: "string" },
  "user-id": { type: "string" },
  "allow-writes": { type: "boolean" },
  timeout: { type: "string" },
  json: { type: "boolean" },
} as const;

// In usage order, so that every missing one is named at once, in the order the usage shows.
const REQUIRED = [
  ["base-url", "AVARA_BASE_URL"],
  ["api-key", "AVARA_API_KEY"],
  ["user-id", "AVARA_USER_ID"],
] as const;

async function runVerify(args: string[]): Promise<number> {
  const values = parse(args, VERIFY_OPTIONS, VERIFY_USAGE);
  if (values.help) return help(VERIFY_USAGE);
  const option = optionsFrom(values, REQUIRED, VERIFY_USAGE);
  const apiKey = option("api-key", "AVARA_API_KEY")!;
  // Every line printed from here on goes through this, whatever a server sent back.
  const { redact } = createRedactor([apiKey]);

  const baseUrl = baseUrlFlag(option("base-url", "AVARA_BASE_URL")!, VERIFY_USAGE, "pass the key as --api-key");
  const timeoutMs = timeoutFlag(option("timeout"), VERIFY_USAGE, redact);

  let report: VerifyReport;
  try {
    report = await verify({
      baseUrl,
      apiKey,
      userId: option("user-id", "AVARA_USER_ID")!,
      allowWrites: values["allow-writes"] === true,
      timeoutMs,
    });
  } catch (error) {
    // Not expected (verify reports what a server does rather than throwing), but still a
    // report, in the format asked for, and redacted.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failed = { ok: false, baseUrl, checks: [], error: `verify stopped: ${reason}` };
    console.log(redact(values.json ? JSON.stringify(failed) : `${NAME} verify ${baseUrl}\n${failed.error}`));
    return 1;
  }
  console.log(redact(values.json ? JSON.stringify(report) : formatReport(report, `${NAME} verify`)));
  return report.ok ? 0 : 1;
}

// ../package.json both from src/cli.ts and from the bundled dist/cli.js.
process.exitCode = await runProgram(
  {
    name: NAME,
    usage: USAGE,
    packageJson: new URL("../package.json", import.meta.url),
    commands: { serve: { usage: SERVE_USAGE, run: serve }, verify: { usage: VERIFY_USAGE, run: runVerify } },
  },
  process.argv.slice(2),
);
