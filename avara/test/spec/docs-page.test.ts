// The guide of Avara's docs page carries the decisions and the changelog (the page itself is
// rendered and opened in Chromium by docs.browser.test.ts, in the full check).
import { describe, expect, it } from "vitest";
import { guideDescription } from "contract-pipeline/build-docs";
import { avaraSpec } from "../../src/contract/spec.js";

describe("the docs guide", () => {
  it("appends the decisions and the changelog, the changelog's link made a section name", () => {
    const guide = guideDescription((avaraSpec.info as { description: string }).description, "avara");
    expect(guide).toContain("# Decisions on Avara's inconsistencies");
    expect(guide).toContain("## 9. Retrying `PATCH`");
    expect(guide).toContain("the section *Decisions on Avara's inconsistencies* above");
    expect(guide).not.toContain("[docs/decisions.md](docs/decisions.md)");
  });
});
