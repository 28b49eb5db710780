// Avara's docs page in a real browser (Debian's Chromium driven by playwright-core), with every
// request that would leave this machine aborted and recorded (contract-kit's browser support).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildDocs, docsFile } from "contract-pipeline/build-docs";
import { repoRoot } from "contract-pipeline/tools";
import { avaraSpec } from "../../src/contract/spec.js";
import { chromiumAvailable, DOCS_WIDTHS, firstScreen, openInChromium, openOperation, type OpenPage } from "contract-kit/test-support/browser";

const available = chromiumAvailable("Avara docs browser test");
const artifacts = path.join(import.meta.dirname, "..", "artifacts");
mkdirSync(artifacts, { recursive: true });

describe.skipIf(!available)("the Avara docs page in Chromium", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-docs-browser-"));
  let opened: OpenPage;
  let page: Page;
  let html: string;

  beforeAll(async () => {
    html = readFileSync(buildDocs(path.join(scratch, "index.html"), { contract: "avara" }), "utf8");
    opened = await openInChromium(Buffer.from(html), scratch);
    ({ page } = opened);
    await page.getByText("Avara AutoScribe users API (0.1.0)").first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("renders both operations and the decisions, with no console errors and nothing sent off this machine", async () => {
    for (const summary of ["Read a user", "Update a user"]) await openOperation(page, "Users", summary);
    await expect(page.locator("h2", { hasText: /Decisions/ }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, "docs-avara.png") });
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.leftTheMachine).toEqual([]);
  });

  for (const viewport of DOCS_WIDTHS) {
    it(`at ${viewport.width} px: an operation shows above the fold, the menu button covers no text`, async () => {
      const screen = await firstScreen(page, viewport, path.join(artifacts, `docs-avara-first-screen-${viewport.width}.png`));
      expect(screen.firstOperation?.text).toMatch(/^GET\s*\/v1\/autoScribe\/users\/\{userId\}$/i);
      expect(screen.firstOperation!.bottom).toBeLessThanOrEqual(viewport.height);
      expect(screen.cutPaths).toEqual([]);
      expect(screen.coveredByMenuButton).toEqual([]);
      await page.setViewportSize({ width: 1440, height: 1000 });
    });
  }

  it("shows a curl and a TypeScript sample for each operation", async () => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await openOperation(page, "Users", "Update a user");
    await page.getByText("curl --request PATCH").first().waitFor({ state: "visible", timeout: 10_000 });
    expect(html.includes("avara.users.update(")).toBe(true);
    expect(html.includes("avara.users.get(")).toBe(true);
  });

  it("is rendered self-contained, the way the root's is, to site/avara/index.html by default", () => {
    expect(docsFile("avara")).toBe(path.join(repoRoot, "site", "avara", "index.html"));
    expect(docsFile()).toBe(path.join(repoRoot, "site", "index.html"));
    expect(html).toContain("<title>Avara AutoScribe users API</title>");
    expect(html).toContain("Decisions on Avara");
    expect(html).toContain("updateUser");
    expect(html).not.toContain("cdn.redoc.ly");
  });

  it("is Avara's page: its own title and theme (avara/redocly.yaml), nothing of Parchment's", () => {
    const primary = (file: string) => (parse(readFileSync(path.join(repoRoot, file), "utf8")) as { openapi: { theme: { colors: { primary: { main: string } } } } }).openapi.theme.colors.primary.main;
    const [avara, parchment] = [primary("avara/redocly.yaml"), primary("redocly.yaml")];
    expect(avara).not.toBe(parchment);
    // Booleans, not toContain: a failure would print the whole 2 MB page.
    expect(html.includes(avara)).toBe(true);
    expect(html.toLowerCase().includes(parchment.toLowerCase())).toBe(false);
    expect(/data-component-name="Typography\/H1">([^<]*)<\/h1>/.exec(html)?.[1]).toBe(`Avara AutoScribe users API (${(avaraSpec.info as { version: string }).version})`);
    expect(html.includes("Parchment user-management API")).toBe(false);
  });
});
