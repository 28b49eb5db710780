// Parchment's docs page in a real browser (Debian's Chromium driven by playwright-core), with
// every request that would leave this machine aborted and recorded (contract-kit's browser
// support). Avara's page has its own test, in avara/test/spec/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "contract-pipeline/build-docs";
import { repoRoot } from "contract-pipeline/tools";
import { chromiumAvailable, cutPaths, DOCS_WIDTHS, firstScreen, menuItem as menuItemOf, openInChromium, openOperation as openOperationOf, type OpenPage } from "contract-kit/test-support/browser";

const available = chromiumAvailable("docs browser test");
const artifacts = path.join(repoRoot, "test", "artifacts");
mkdirSync(artifacts, { recursive: true });
const OPERATIONS = ["Obtain an access token", "List users", "Read a user", "Update a user", "Replace a user's roles"];

describe.skipIf(!available)("the docs page in Chromium", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-docs-browser-"));
  let opened: OpenPage;
  let origin: string;
  let page: Page;

  beforeAll(async () => {
    opened = await openInChromium(readFileSync(buildDocs(path.join(scratch, "index.html"), { contract: "parchment" })), scratch);
    ({ origin, page } = opened);
    await page.getByText("Replace a user's roles").first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await opened?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const menuItem = (kind: "group" | "operation", text: string) => menuItemOf(page, kind, text);
  const openOperation = (group: string, summary: string) => openOperationOf(page, group, summary);

  it("renders all five operations: in the menu, and each on its own when chosen", async () => {
    const groups: Record<string, string[]> = { Authentication: OPERATIONS.slice(0, 1), Users: OPERATIONS.slice(1) };
    for (const [group, summaries] of Object.entries(groups)) {
      await menuItem("group", group).click();
      for (const summary of summaries) {
        const item = menuItem("operation", summary);
        await item.waitFor({ state: "visible", timeout: 10_000 });
        await item.click();
        await page.locator("h2", { hasText: new RegExp(`^${summary}$`) }).first().waitFor({ state: "visible", timeout: 10_000 });
      }
    }
  });

  it("renders the guide, the decisions and the changelog, each a section after the operations", async () => {
    await page.goto(`${origin}/`, { waitUntil: "load" });
    // The page's sections in order (Redoc renders their text as they near the viewport).
    await page.locator("[data-section-id]").first().waitFor({ state: "attached" });
    const sections = await page.locator("[data-section-id]").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-section-id")));
    expect(sections).toEqual([
      "/", "/authentication", "/users",
      "/about-this-page", "/getting-a-token", "/calling-the-api", "/errors", "/pagination", "/rate-limits-and-retries", "/roles", "/provider-details",
      "/creating-disabling-and-enabling-users", "/decisions-on-parchment's-inconsistencies", "/changelog",
    ]);
    await page.locator('[data-section-id="/changelog"]').scrollIntoViewIfNeeded();
    await page.locator("h2", { hasText: /^Changelog$/ }).first().waitFor({ state: "visible", timeout: 10_000 });
  });

  for (const viewport of DOCS_WIDTHS) {
    it(`at ${viewport.width} px: an operation shows above the fold, no path is cut short, the menu button covers no text`, async () => {
      await page.goto(`${origin}/`, { waitUntil: "load" });
      const screen = await firstScreen(page, viewport, path.join(artifacts, `docs-first-screen-${viewport.width}.png`));
      // (The method is upper-cased by the page's style sheet, not in its text.)
      expect(screen.firstOperation?.text).toMatch(/^POST\s*\/v1\/token$/i);
      expect(screen.firstOperation!.bottom).toBeLessThanOrEqual(viewport.height);
      expect(screen.coveredByMenuButton).toEqual([]);
      // The three paths under /users/{user_id} in full, not all cut to ".../users/{u...".
      expect(await cutPaths(page, "/users", path.join(artifacts, `docs-users-${viewport.width}.png`))).toEqual([]);
      await page.setViewportSize({ width: 1440, height: 1000 });
    });
  }

  it("shows curl and TypeScript samples for an operation", async () => {
    await openOperation("Users", "Replace a user's roles");
    await page.getByText("curl --request PUT").first().waitFor({ state: "visible", timeout: 10_000 });
    // The sample language menu of this operation (every operation is in the page; take the visible one).
    await page.locator('[data-component-name="Dropdown/Dropdown"]', { hasText: /^curl$/ }).filter({ visible: true }).first().click();
    await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: "TypeScript client" }).filter({ visible: true }).first().click();
    await page.getByText("client.users.setRoles").filter({ visible: true }).first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(artifacts, "docs-roles-typescript.png") });
  });

  it("search finds the roles operation", async () => {
    await page.locator("[data-testid=search-trigger]").click();
    await page.getByPlaceholder("Search docs...").fill("roles");
    const result = page.getByText("Replace a user's roles", { exact: true });
    await result.first().waitFor({ state: "visible", timeout: 10_000 });
    await page.screenshot({ path: path.join(artifacts, "docs-search.png") });
    await page.keyboard.press("Escape");
  });

  it("has no console errors and sent nothing off this machine", async () => {
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.leftTheMachine).toEqual([]);
  });

  it("saves screenshots to test/artifacts/", async () => {
    await page.goto(`${origin}/`, { waitUntil: "load" });
    await page.getByText("Getting a token").first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, "docs.png") });
    await openOperation("Users", "Update a user");
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(artifacts, "docs-update-user.png") });
    expect(existsSync(path.join(artifacts, "docs.png"))).toBe(true);
  });
});
