#!/usr/bin/env node
// avara-autoscribe-contract serve | verify. See README "Contract checks". The structure
// (usage errors, --help, --version, busy ports) and the verify command are contract-kit/cli's,
// shared with parchment-contract; this file gives Avara's names, usage and options.
import { docsOption, help, listenOn, parse, portOption, runProgram, serveUntilStopped, verifyCommand } from "contract-kit/cli";
import { startReferenceServer } from "./testing/index.js";
import { verify } from "./verify/verify.js";

const NAME = "avara-autoscribe-contract";

const SERVE_USAGE = `usage: ${NAME} serve [--port N] [--json] [--docs FILE]
  Serves the reference server on 127.0.0.1 and prints its API key and a user id.
  --port N       the port (default 0: a free one, printed)
  --json         print {baseUrl, apiKey, userId} as one JSON line
  --docs FILE    also serve FILE (the rendered docs) at /docs`;

const VERIFY_USAGE = `usage: ${NAME} verify --base-url URL --api-key K --user-id U [--allow-writes] [--timeout SECONDS] [--json]
  Checks a server's answers against the contract; exit 0 when every check passes, 1 otherwise.
  --base-url URL       the API root, http(s), without user:password@   (AVARA_BASE_URL)
  --api-key K          the clinic's API key                             (AVARA_API_KEY)
  --user-id U          the user to read (usr_ + 32 hex)                 (AVARA_USER_ID)
  --allow-writes       also update the user with its own current values, and send an update the contract refuses
  --timeout SECONDS    per request, headers and body (default 15)
  --json               print the report as one JSON line`;

const USAGE = `usage:
  ${NAME} serve [--port N] [--json] [--docs FILE]
  ${NAME} verify --base-url URL --api-key K --user-id U [--allow-writes] [--timeout SECONDS] [--json]
  ${NAME} --version | --help | <command> --help`;

async function serve(args: string[]): Promise<number> {
  const values = parse(args, { port: { type: "string" }, json: { type: "boolean" }, docs: { type: "string" } }, SERVE_USAGE);
  if (values.help) return help(SERVE_USAGE);
  const port = portOption(values.port as string | undefined, SERVE_USAGE);
  const docsHtml = docsOption(values.docs as string | undefined);
  const server = await listenOn(port, () => startReferenceServer({ port, docsHtml }));
  const info = { baseUrl: server.baseUrl, apiKey: server.apiKey, userId: server.userId };
  if (values.json) {
    console.log(JSON.stringify(info));
  } else {
    console.log(`Avara AutoScribe reference server listening on ${server.baseUrl}
${docsHtml ? `  docs:       ${server.baseUrl}/docs\n` : ""}  API key:    ${info.apiKey}
  a user id:  ${info.userId}   (${server.userIds.length} users in all)

For the README's samples and verify, in another terminal:
  export AVARA_BASE_URL='${info.baseUrl}'
  export AVARA_API_KEY='${info.apiKey}'
  export AVARA_USER_ID='${info.userId}'

Try it:
  curl -s ${server.baseUrl}/v1/autoScribe/users/${info.userId} -H 'Authorization: Bearer ${info.apiKey}'

Stop with Ctrl+C.`);
  }
  return serveUntilStopped(server);
}

const verifyCli = verifyCommand({
  name: NAME,
  usage: VERIFY_USAGE,
  baseUrlVariable: "AVARA_BASE_URL",
  credentialsGo: "pass the key as --api-key",
  flags: [
    { flag: "api-key", option: "apiKey", variable: "AVARA_API_KEY", required: true, secret: true },
    { flag: "user-id", option: "userId", variable: "AVARA_USER_ID", required: true },
  ],
  verify,
});

// ../package.json both from src/cli.ts and from the bundled dist/cli.js.
process.exitCode = await runProgram(
  {
    name: NAME,
    usage: USAGE,
    packageJson: new URL("../package.json", import.meta.url),
    commands: { serve: { usage: SERVE_USAGE, run: serve }, verify: verifyCli },
  },
  process.argv.slice(2),
);
