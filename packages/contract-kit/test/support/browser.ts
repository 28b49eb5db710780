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
