// The msw entry of a packed contract package, as a partner's project uses it: the tarball and
// `msw` alone installed in a fresh folder, the README's MSW blocks typechecked there, the
// setupServer block run with Node and the setupWorker block bundled (esbuild, as any bundler
// would) and run in Chromium with MSW's own service worker, the page served on 127.0.0.1 and
// any request that would leave the machine aborted and recorded. Shared by every contract's
// test/package/msw-consumer.test.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, chromiumAvailable } from "./browser.js";

export interface MswConsumerOptions {
  /** The repository root (where node_modules/.bin/tsc and the msw version pinned for tests are). */
  repoRoot: string;
  /** The package's folder, which `npm pack` packs. */
  packageDir: string;
  packageName: string;
  /** The README whose ```ts blocks importing msw/node and msw/browser are run. */
  readme: string;
}

/** The README's ```ts blocks that import `from "msw/<kind>"`. */
function mswBlock(readme: string, kind: "node" | "browser"): string {
  const blocks = [...readFileSync(readme, "utf8").matchAll(/^```(?:ts|typescript)\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  const found = blocks.filter((block) => block.includes(`from "msw/${kind}"`));
  if (found.length !== 1) throw new Error(`${readme} must have one TypeScript block importing msw/${kind}; it has ${found.length}`);
  return found[0]!;
}

export function mswConsumerSuite({ repoRoot, packageDir, packageName, readme }: MswConsumerOptions): void {
  const project = mkdtempSync(path.join(os.tmpdir(), "msw-consumer-"));
  const env = { ...process.env, npm_config_update_notifier: "false" };
  const run = (command: string, args: string[], cwd = project) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env });
  const mswVersion = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/msw/package.json"), "utf8")).version as string;
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  beforeAll(() => {
    // --ignore-scripts: the dist/ `npm run check` built (npm run build:lib) is packed as it is. The
    // prepack rebuild would empty dist/ under the package's other consumer test, running alongside.
    run("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", project], packageDir);
    const tarball = readdirSync(project).find((name) => name.endsWith(".tgz"))!;
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies: { [packageName]: `file:./${tarball}`, msw: mswVersion } }));
    mkdirSync(path.join(project, "src"));
    writeFileSync(path.join(project, "src/node.ts"), mswBlock(readme, "node"));
    writeFileSync(path.join(project, "src/browser.ts"), mswBlock(readme, "browser"));
    const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, lib: ["ES2023", "DOM"], outDir: "out", rootDir: "src", types: [] };
    writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["src/*.ts"] }));
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--ignore-scripts"]);
  }, 240_000);

  describe(`${packageName}/msw in a project with msw alone`, () => {
    it("installs nothing for the entry but msw: no @opentelemetry, no ajv, no hono", () => {
      const installed = readdirSync(path.join(project, "node_modules"));
      for (const name of ["ajv", "hono", "@hono", "@opentelemetry"]) expect(installed).not.toContain(name);
      expect(installed).toContain("msw");
    });

    it("typechecks the README's MSW blocks against the packed types", () => {
      const result = spawnSync(path.join(repoRoot, "node_modules/.bin/tsc"), ["-p", "tsconfig.json"], { cwd: project, encoding: "utf8" });
      expect(`${result.stdout}${result.stderr}`).toBe("");
      expect(result.status).toBe(0);
    }, 60_000);

    it("runs the README's setupServer block with Node, against the default base URL", () => {
      const result = spawnSync(process.execPath, ["out/node.js"], { cwd: project, encoding: "utf8", env, timeout: 30_000 });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
    }, 60_000);

    const available = chromiumAvailable("MSW service worker browser test");
    it.skipIf(!available)("runs the README's setupWorker block in Chromium with MSW's service worker", async () => {
      const bundle = await build({ entryPoints: [path.join(project, "src/browser.ts")], absWorkingDir: project, bundle: true, format: "esm", platform: "browser", write: false, logLevel: "silent" });
      const files: Record<string, [string, string | Uint8Array]> = {
        "/": ["text/html; charset=utf-8", '<!doctype html><meta charset="utf-8"><title>msw</title><script type="module" src="/app.js"></script>'],
        "/app.js": ["text/javascript", bundle.outputFiles[0]!.contents],
        "/mockServiceWorker.js": ["text/javascript", readFileSync(path.join(project, "node_modules/msw/lib/mockServiceWorker.js"))],
      };
      const server = createServer((request, response) => {
        const file = files[new URL(request.url!, "http://x").pathname];
        if (!file) return void response.writeHead(404).end();
        response.writeHead(200, { "content-type": file[0] }).end(file[1]);
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const context = await chromium.launchPersistentContext(path.join(project, "profile"), {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
      });
      const leftTheMachine: string[] = [];
      const errors: string[] = [];
      try {
        await context.route("**/*", (route) => {
          const { hostname } = new URL(route.request().url());
          if (hostname === "127.0.0.1") return route.continue();
          leftTheMachine.push(route.request().url());
          return route.abort();
        });
        const page = context.pages()[0] ?? (await context.newPage());
        page.on("pageerror", (error) => errors.push(error.message));
        page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
        await page.goto(`${origin}/`, { waitUntil: "load" });
        await page.waitForFunction(() => document.body?.dataset.user !== undefined, undefined, { timeout: 30_000 });
        expect(await page.evaluate(() => document.body.dataset.user)).toMatch(/^usr_/);
        // The service worker answered: it controls the page, and no request went to the vendor.
        expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${origin}/mockServiceWorker.js`);
        expect(errors).toEqual([]);
        expect(leftTheMachine).toEqual([]);
      } finally {
        await context.close();
        await new Promise((resolve) => server.close(resolve));
      }
    }, 120_000);
  });
}
