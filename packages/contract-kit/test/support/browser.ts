// A built docs page in a real browser, for every contract's docs test: Debian's Chromium driven
// by playwright-core (never a downloaded browser), the page served on 127.0.0.1, and every
// request that would leave this machine aborted and recorded. Locally without Chromium the
// tests skip with a message; in CI (CI=true) a missing Chromium is a failure.
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Whether Chromium is here; throws in CI when it is not, since CI must install it. */
export function chromiumAvailable(what: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.CI === "true") throw new Error(`Chromium is missing at ${CHROMIUM}; CI must install it (apt-get install -y chromium)`);
  if (!available) console.warn(`${what} skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  return available;
}

export interface OpenPage {
  server: Server;
  origin: string;
  context: BrowserContext;
  page: Page;
  /** Every request that would have left this machine (aborted). */
  leftTheMachine: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Serves `html` on 127.0.0.1 and opens it in Chromium, with a profile under `scratch`. */
export async function openInChromium(html: Buffer, scratch: string, viewport = { width: 1440, height: 1000 }): Promise<OpenPage> {
  const leftTheMachine: string[] = [];
  const consoleErrors: string[] = [];
  const server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await chromium.launchPersistentContext(path.join(scratch, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    viewport,
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
  return {
    server,
    origin,
    context,
    page,
    leftTheMachine,
    consoleErrors,
    async close() {
      await context.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Redoc's menu entries: a group ("Users") or an operation ("Read a user"). */
export const menuItem = (page: Page, kind: "group" | "operation", text: string) =>
  page.locator(`[data-component-name="Menu/MenuItem"].menu-item-type-${kind}`).filter({ hasText: text }).first();

/** Opens an operation from the menu, expanding its group first if needed, and waits for its heading. */
export async function openOperation(page: Page, group: string, summary: string): Promise<void> {
  const item = menuItem(page, "operation", summary);
  if (!(await item.isVisible())) await menuItem(page, "group", group).click();
  await item.click();
  await page.locator("h2", { hasText: new RegExp(`^${summary}$`) }).first().waitFor({ state: "visible", timeout: 10_000 });
}

/** The widths every docs page is checked at: a laptop and a phone. */
export const DOCS_WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

export interface FirstScreen {
  /** The screenshot, under the artifacts folder. */
  screenshot: string;
  /** The first operation's entry in the first tag's list of operations, where it is on the page. */
  firstOperation: { text: string; top: number; bottom: number } | undefined;
  /** Paths in the tags' lists of operations that are cut short (wider than their box). */
  cutPaths: string[];
  /** Text under the phone menu's button, if it covers any. */
  coveredByMenuButton: string[];
}

/**
 * The page as it first shows at `viewport`, scrolled to the top: a screenshot (printed, so that
 * it is in the test output), where the first operation is, which paths are cut short and what
 * the floating menu button covers.
 */
/**
 * The paths cut short in a tag's list of operations (wider than their box), with the tag's
 * section (`[data-section-id]`, "/users") scrolled into view: Redoc renders sections as they near it.
 */
export async function cutPaths(page: Page, sectionId: string, screenshot?: string): Promise<string[]> {
  const section = page.locator(`[data-section-id="${sectionId}"]`);
  await section.scrollIntoViewIfNeeded();
  await section.locator('a[href^="#/"] > [data-component-name="Button/Button"]').first().waitFor({ state: "visible", timeout: 10_000 });
  await page.waitForTimeout(300);
  if (screenshot) {
    await page.screenshot({ path: screenshot });
    console.log(`docs screenshot of ${sectionId}: ${screenshot}`);
  }
  return section.evaluate((element) =>
    [...element.querySelectorAll('a[href^="#/"] > [data-component-name="Button/Button"] span')]
      .filter((span) => span.children.length === 0 && span.scrollWidth > span.clientWidth + 1)
      .map((span) => span.textContent ?? ""),
  );
}

export async function firstScreen(page: Page, viewport: { width: number; height: number }, screenshot: string): Promise<FirstScreen> {
  await page.setViewportSize(viewport);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('a[href^="#/"] > [data-component-name="Button/Button"]').first().waitFor({ state: "attached", timeout: 10_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });
  console.log(`docs screenshot at ${viewport.width} px: ${screenshot}`);
  const measured = await page.evaluate(() => {
    const entries = [...document.querySelectorAll('a[href^="#/"] > [data-component-name="Button/Button"]')];
    const first = entries[0]?.getBoundingClientRect();
    const cutPaths = entries.flatMap((entry) => [...entry.querySelectorAll("span")].filter((span) => span.children.length === 0 && span.scrollWidth > span.clientWidth + 1).map((span) => span.textContent ?? ""));
    const button = document.querySelector('button[aria-label="Open navigation menu"]');
    const box = button && getComputedStyle(button).display !== "none" ? button.getBoundingClientRect() : undefined;
    const covered: string[] = [];
    if (box && box.width > 0) {
      for (const element of document.querySelectorAll("p, li, h1, h2, h3, td, code")) {
        for (const rect of element.getClientRects()) {
          if (rect.left < box.right && rect.right > box.left && rect.top < box.bottom && rect.bottom > box.top) covered.push((element.textContent ?? "").slice(0, 60));
        }
      }
    }
    return { firstOperation: first && { text: entries[0]!.textContent ?? "", top: first.top, bottom: first.bottom }, cutPaths, covered };
  });
  return { screenshot, firstOperation: measured.firstOperation, cutPaths: measured.cutPaths, coveredByMenuButton: measured.covered };
}
