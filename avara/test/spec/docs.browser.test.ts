// Avara's docs page in a real browser (Debian's Chromium driven by playwright-core), with every
// request that would leave this machine aborted and recorded (contract-kit's browser support).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocs } from "contract-pipeline/build-docs";
import { chromiumAvailable, openInChromium, openOperation, type OpenPage } from "contract-kit/test-support/browser";

const available = chromiumAvailable("Avara docs browser test");
const artifacts = path.join(import.meta.dirname, "..", "artifacts");
mkdirSync(artifacts, { recursive: true });

describe.skipIf(!available)("the Avara docs page in Chromium", () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "avara-docs-browser-"));
  let opened: OpenPage;
  let page: Page;

  beforeAll(async () => {
    opened = await openInChromium(readFileSync(buildDocs(path.join(scratch, "index.html"), { contract: "avara" })), scratch);
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
});
