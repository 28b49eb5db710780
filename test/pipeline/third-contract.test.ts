// docs/architecture.md's steps for adding a contract, walked for real: a throwaway third
// contract ("acme", one operation) is written file by file in a scratch folder of this
// repository, given a registry entry (defineContract), and put through the same pipeline as
// Parchment and Avara: Redocly and Spectral with configs extending the shared ones, generate,
// drift, the docs page, the build. Its packed entries then run: the client against its
// reference server on 127.0.0.1, and its command line. Full check only: it spawns every tool.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildContract } from "contract-pipeline/build";
import { buildDocs } from "contract-pipeline/build-docs";
import { abs, defineContract, repoRoot, type Contract } from "contract-pipeline/contracts";
import { checkDrift } from "contract-pipeline/drift";
import { generate, GENERATED_FILES } from "contract-pipeline/generate";
import { redoclyLint } from "contract-pipeline/lint-redocly";
import { spectralLint } from "contract-pipeline/lint-spectral";

// Inside the repository (.scratch/ is ignored by git), so that `contract-kit`, `openapi-fetch`
// and the shared lint configs resolve from it as they do from avara/.
mkdirSync(path.join(repoRoot, ".scratch"), { recursive: true });
const scratch = mkdtempSync(path.join(repoRoot, ".scratch", "third-contract-"));
const dir = path.relative(repoRoot, path.join(scratch, "acme")).split(path.sep).join("/");
const up = path.posix.relative(dir, ".") || ".";
const acme: Contract = defineContract("acme", dir, "acme-v", path.posix.join(dir, "site", "index.html"));
const API_KEY = "acme_test_key_0123456789abcdef";
const WIDGET = { widgetId: "wid_0a1b2c3d", name: "Left-handed sprocket" };

/** Step by step, the files of docs/architecture.md's "Adding a third contract". */
const FILES: Record<string, string> = {
  // 1. The contract.
  "openapi.yaml": `openapi: 3.1.0
info:
  title: Acme widgets API
  version: 0.1.0
  summary: A throwaway contract that walks the steps of adding one.
  description: One operation, to prove the pipeline takes a third contract through the registry.
  contact:
    name: Acme
    url: https://acme.example/support
servers:
  - url: https://api.acme.example
    description: Acme's production server.
    x-environment: production
    x-internal: false
security:
  - apiKey: []
tags:
  - name: Widgets
    description: The widgets of an account.
paths:
  /v1/widgets/{widgetId}:
    get:
      operationId: getWidget
      summary: Read a widget
      description: Returns one widget of the account the API key belongs to.
      tags: [Widgets]
      parameters:
        - name: widgetId
          in: path
          required: true
          description: The widget's id.
          schema:
            type: string
            pattern: "^wid_[0-9a-f]{8}$"
            maxLength: 12
      responses:
        "200":
          description: The widget.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Widget"
              example:
                widgetId: wid_0a1b2c3d
                name: Left-handed sprocket
        "400":
          $ref: "#/components/responses/Problem"
        "401":
          $ref: "#/components/responses/Problem"
        "429":
          $ref: "#/components/responses/Problem"
        "404":
          $ref: "#/components/responses/Problem"
        "500":
          $ref: "#/components/responses/Problem"
components:
  securitySchemes:
    apiKey:
      type: http
      scheme: bearer
      description: The account's API key, as a bearer token.
  responses:
    Problem:
      description: The request was refused.
      content:
        application/json:
          schema:
            $ref: "#/components/schemas/Problem"
  schemas:
    Widget:
      type: object
      additionalProperties: false
      required: [widgetId, name]
      properties:
        widgetId:
          type: string
          pattern: "^wid_[0-9a-f]{8}$"
          maxLength: 12
        name:
          type: string
          maxLength: 200
    Problem:
      type: object
      required: [message]
      properties:
        message:
          type: string
          maxLength: 1000
`,
  // 2. Its lint and docs configuration, extending what every contract shares.
  "redocly.yaml": `extends:\n  - ${up}/redocly/shared.yaml\nopenapi:\n  theme:\n    colors:\n      primary:\n        main: "#b5521b"\n`,
  ".spectral.yaml": `extends:\n  - ${up}/spectral/shared.yaml\nrules:\n  # A throwaway contract: no rate-limit headers or CORS to document.\n  owasp:api4:2023-rate-limit: off\n  owasp:api8:2023-define-cors-origin: off\n  owasp:api4:2023-string-restricted: off\n`,
  // 3. The package.
  "package.json": `${JSON.stringify({ name: "acme-contract", version: "0.1.0", private: true, type: "module", bin: { "acme-contract": "./dist/cli.js" } }, null, 2)}\n`,
  "tsconfig.json": `${JSON.stringify({ extends: `${up}/tsconfig.base.json`, include: ["src", "generated/openapi.ts"] }, null, 2)}\n`,
  // 7–8. The client on the core's transport, typed from the generated paths.
  "src/index.ts": `import createClient from "openapi-fetch";
import { createRawFetch, createRedactor, createTransport, headerString, nameClasses, OperationError, transportErrors, type ConnectionOptions } from "contract-kit/http";
import type { components, paths } from "../generated/openapi.js";
import { servers } from "../generated/servers.js";

export class AcmeError extends OperationError {}
export class AcmeNetworkError extends AcmeError {}
export class AcmeTimeoutError extends AcmeNetworkError {}
export class AcmeResponseError extends AcmeError {}
nameClasses({ AcmeError, AcmeNetworkError, AcmeTimeoutError, AcmeResponseError });
const errors = transportErrors({ base: AcmeError, network: AcmeNetworkError, timeout: AcmeTimeoutError, response: AcmeResponseError });

export type Widget = components["schemas"]["Widget"];

export function createAcmeClient(options: ConnectionOptions & { apiKey: string }) {
  const apiKey = headerString("apiKey", options.apiKey);
  const { redact } = createRedactor([apiKey]);
  const transport = createTransport(options, { defaultBaseUrl: servers.production, product: "acme-contract/0.1.0", errors, redact });
  const rawFetch = createRawFetch(transport);
  const raw = createClient<paths>({ baseUrl: transport.baseUrl, headers: { authorization: \`Bearer \${apiKey}\` }, fetch: rawFetch.fetch });
  raw.use(rawFetch.middleware);
  return {
    async getWidget(widgetId: string): Promise<Widget> {
      const { data, response } = await raw.GET("/v1/widgets/{widgetId}", { params: { path: { widgetId } } });
      if (!data) throw new AcmeResponseError({ method: "GET", path: "/v1/widgets/{widgetId}" }, redact(\`\${response.status} answer\`), { status: response.status });
      return data;
    },
  };
}
`,
  // 9. The reference server on the core's skeleton.
  "src/testing/index.ts": `import type { Context } from "hono";
import { createReferenceApp, serveOnLoopback, type ReferenceAnswers } from "contract-kit/testing";

const problem = (c: Context, status: number, message: string) => c.json({ message }, status as 400);
const answers: ReferenceAnswers = {
  internalError: (c) => problem(c, 500, "Unexpected"),
  notFound: (c) => problem(c, 404, "No such resource"),
  fault: (c, status) => problem(c, status, "Injected"),
  badRequest: (c, detail) => problem(c, 400, detail),
};

export function startReferenceServer(apiKey: string) {
  const reference = createReferenceApp({
    answers,
    authenticate: async (c, next) => (c.req.header("authorization") === \`Bearer \${apiKey}\` ? next() : problem(c, 401, "API key refused")),
  });
  reference.app.get("/v1/widgets/:widgetId", (c) =>
    c.req.param("widgetId") === ${JSON.stringify(WIDGET.widgetId)} ? c.json(${JSON.stringify(WIDGET)}) : problem(c, 404, "No such widget"),
  );
  return serveOnLoopback({ fetch: reference.fetch });
}
`,
  // 10. The command line on the core's program.
  "src/cli.ts": `#!/usr/bin/env node
import { runProgram } from "contract-kit/cli";

process.exitCode = await runProgram(
  {
    name: "acme-contract",
    usage: "usage: acme-contract hello | --version | --help",
    packageJson: new URL("../package.json", import.meta.url),
    commands: { hello: { usage: "usage: acme-contract hello", run: async () => (console.log("hello from acme"), 0) } },
  },
  process.argv.slice(2),
);
`,
  // 11. Its record of decisions and its changelog (the docs page carries both).
  "docs/decisions.md": "# Decisions on Acme's inconsistencies\n\n## 1. One operation\n\nThe contract holds one operation, on purpose.\n",
  "CHANGELOG.md": "# Changelog\n\nDecisions are in [docs/decisions.md](docs/decisions.md).\n\n## 0.1.0\n\n- `GET /v1/widgets/{widgetId}`: read a widget.\n",
};

beforeAll(() => {
  for (const [file, text] of Object.entries(FILES)) {
    const target = path.join(abs(dir), file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("a third contract through the registry (docs/architecture.md)", () => {
  it("lints clean with its own configs, which extend the shared rules", () => {
    const redocly = redoclyLint(acme);
    expect(redocly.status, redocly.stdout + redocly.stderr).toBe(0);
    const spectral = spectralLint(acme);
    expect(spectral.status, spectral.stdout + spectral.stderr).toBe(0);
  }, 120_000);

  it("the shared rules apply to it: a request body that is not strict fails Spectral", () => {
    const spec = path.join(abs(dir), "openapi.yaml");
    const original = readFileSync(spec, "utf8");
    try {
      const loose = original.replace(
        "      responses:\n        \"200\":",
        // A GET with a body is odd, but the rule under test looks at every request body.
        '      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n      responses:\n        "200":',
      );
      writeFileSync(spec, loose);
      const result = spectralLint(acme);
      expect(result.status).not.toBe(0);
      expect(result.stdout).toMatch(/request-bodies-declare-additional-properties/);
    } finally {
      writeFileSync(spec, original);
    }
  }, 120_000);

  it("generates its types, and drift is checked against what it generated", () => {
    const written = generate(undefined, { contract: acme });
    expect(written.map((file) => path.basename(file)).sort()).toEqual([...GENERATED_FILES].sort());
    expect(readFileSync(path.join(abs(acme.generatedDir), "openapi.ts"), "utf8")).toContain('"/v1/widgets/{widgetId}"');
    expect(readFileSync(path.join(abs(acme.generatedDir), "servers.ts"), "utf8")).toContain('"production": "https://api.acme.example"');
    expect(checkDrift(undefined, { contract: acme })).toEqual([]);
    writeFileSync(path.join(abs(acme.generatedDir), "servers.ts"), "// edited by hand\n");
    expect(checkDrift(undefined, { contract: acme })).toEqual(["servers.ts"]);
    generate(undefined, { contract: acme });
  }, 120_000);

  it("renders its own docs page, with its decisions and changelog, to the registry's docsOut", () => {
    const html = readFileSync(buildDocs(undefined, { contract: acme }), "utf8");
    expect(existsSync(abs(acme.docsOut))).toBe(true);
    expect(html.includes("<title>Acme widgets API</title>")).toBe(true);
    expect(html.includes("Decisions on Acme")).toBe(true);
    expect(html.includes("#b5521b")).toBe(true);
    expect(html.includes("cdn.redoc.ly")).toBe(false);
  }, 120_000);

  it("builds like the others: one file per entry, declarations, the core bundled and openapi-fetch left to npm", async () => {
    const dist = await buildContract(abs(dir));
    // chunks/ only where two entries share code; this client and its server share none.
    expect(readdirSync(dist).filter((name) => name !== "chunks").sort()).toEqual(["cli.js", "index.d.ts", "index.js", "testing.d.ts", "testing.js", "types.d.ts", "types.js"]);
    for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((name) => /\.(js|d\.ts)$/.test(name))) {
      const specifiers = [...readFileSync(path.join(dist, file), "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm)].map((match) => match[1]);
      expect(specifiers.filter((specifier) => !/^(openapi-fetch$|node:|\.\.?\/)/.test(specifier!)), file).toEqual([]);
    }
    expect(readFileSync(path.join(dist, "index.d.ts"), "utf8")).toMatch(/declare function createAcmeClient/);
  }, 120_000);

  it("its built client reads from its built reference server on 127.0.0.1; its errors name the operation", async () => {
    const dist = path.join(abs(dir), "dist");
    const { startReferenceServer } = await import(pathToFileURL(path.join(dist, "testing.js")).href);
    const { createAcmeClient, AcmeResponseError } = await import(pathToFileURL(path.join(dist, "index.js")).href);
    const server = await startReferenceServer(API_KEY);
    try {
      const client = createAcmeClient({ baseUrl: server.baseUrl, apiKey: API_KEY });
      await expect(client.getWidget(WIDGET.widgetId)).resolves.toEqual(WIDGET);
      const missing = await client.getWidget("wid_ffffffff").catch((error: unknown) => error);
      expect(missing).toBeInstanceOf(AcmeResponseError);
      expect((missing as Error).name).toBe("AcmeResponseError");
      expect((missing as Error).message).toBe("GET /v1/widgets/{widgetId}: 404 answer");
      const refused = await createAcmeClient({ baseUrl: server.baseUrl, apiKey: "acme_wrong_key_0000000000" })
        .getWidget(WIDGET.widgetId)
        .catch((error: unknown) => error);
      expect((refused as { status?: number }).status).toBe(401);
    } finally {
      await server.close();
    }
  });

  it("its built command line runs", () => {
    const cli = path.join(abs(dir), "dist", "cli.js");
    expect(execFileSync(process.execPath, [cli, "hello"], { encoding: "utf8" })).toBe("hello from acme\n");
    expect(execFileSync(process.execPath, [cli, "--version"], { encoding: "utf8" })).toBe("0.1.0\n");
  });
});
