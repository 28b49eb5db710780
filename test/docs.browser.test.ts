// The docs page in a real browser (Debian's Chromium driven by playwright-core), with every
// request that would leave this machine aborted and recorded. Locally without Chromium the
// test is skipped with a message; in CI (CI=true) a missing Chromium is a failure.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "contract-pipeline/build-docs";
import { repoRoot } from "contract-pipeline/tools";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const available = existsSync(CHROMIUM);
if (!available && process.env.CI === "true") {
  throw new Error(`Chromium is missing at ${CHROMIUM}; CI must install it (apt-get install -y chromium)`);
}
if (!available) console.warn(`docs browser test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const artifacts = path.join(repoRoot, "test", "artifacts");
mkdirSync(artifacts, { recursive: true });
const OPERATIONS = ["Obtain an access token", "List users", "Read a user", "Update a user", "Replace a user's roles"];

/**
 * Serves `html` on 127.0.0.1 and opens it in Chromium, every request off this machine aborted
 * and recorded in `leftTheMachine`, console errors recorded in `consoleErrors`.
 */
async function openInChromium(html: Buffer, scratch: string, leftTheMachine: string[], consoleErrors: string[]) {
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(path.join(scratch, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    viewport: { width: 1440, height: 1000 },
  });
  // Only this machine: anything else is aborted and remembered.
  await context.route("**/*", (route) => {
    const { hostname, protocol } = new URL(route.request().url());
    if (protocol === "data:" || protocol === "blob:" || hostname === "127.0.0.1" || hostname === "localhost") return route.continue();
    leftTheMachine.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(`${origin}/`, { waitUntil: "load" });
  return { server, origin, context, page };
}

describe.skipIf(!available)("the docs page in Chromium", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "parchment-docs-browser-"));
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let page: Page;
  const leftTheMachine: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ server, origin, context, page } = await openInChromium(readFileSync(buildDocs(path.join(scratch, "index.html"))), scratch, leftTheMachine, consoleErrors));
    await page.getByText("Replace a user's roles").first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  });

  const menuItem = (kind: "group" | "operation", text: string) =>
    page.locator(`[data-component-name="Menu/MenuItem"].menu-item-type-${kind}`).filter({ hasText: text }).first();

  /** Opens an operation from the menu, expanding its group first if needed. */
  async function openOperation(group: string, summary: string) {
    const item = menuItem("operation", summary);
    if (!(await item.isVisible())) await menuItem("group", group).click();
    await item.click();
    await page.locator("h2", { hasText: new RegExp(`^${summary}$`) }).first().waitFor({ state: "visible", timeout: 10_000 });
  }

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

  it("renders the guide, the decisions and the changelog", async () => {
    await page.goto(`${origin}/`, { waitUntil: "load" });
    for (const heading of ["Getting a token", "Calling the API", "Errors", "Pagination", "Rate limits and retries", "Roles", "Provider details", "Decisions on Parchment's inconsistencies", "Changelog"]) {
      await expect(page.locator("h2", { hasText: heading }).count()).resolves.toBeGreaterThan(0);
    }
  });

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
    expect(consoleErrors).toEqual([]);
    expect(leftTheMachine).toEqual([]);
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

describe.skipIf(!available)("the Avara docs page in Chromium", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-docs-browser-"));
  let server: Server;
  let context: BrowserContext;
  let page: Page;
  const leftTheMachine: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const html = readFileSync(buildDocs(path.join(scratch, "index.html"), { contract: "avara" }));
    ({ server, context, page } = await openInChromium(html, scratch, leftTheMachine, consoleErrors));
    await page.getByText("Avara AutoScribe users API (0.1.0)").first().waitFor({ timeout: 30_000 });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(scratch, { recursive: true, force: true });
  });

  it("renders both operations and the decisions, with no console errors and nothing sent off this machine", async () => {
    await page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group').filter({ hasText: "Users" }).first().click();
    for (const summary of ["Read a user", "Update a user"]) {
      await page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-operation').filter({ hasText: summary }).first().click();
      await page.locator("h2", { hasText: new RegExp(`^${summary}$`) }).first().waitFor({ state: "visible", timeout: 10_000 });
    }
    await expect(page.locator("h2", { hasText: /Decisions/ }).count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(artifacts, "docs-avara.png") });
    expect(consoleErrors).toEqual([]);
    expect(leftTheMachine).toEqual([]);
  });
});
