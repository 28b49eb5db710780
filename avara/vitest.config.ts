import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The same closing lines as the root's suite: the counts, and what passed in words.
    reporters: ["default", "../test/support/summary-reporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Type tests (*.test-d.ts) are checked by `npm run typecheck` (tsc over test/), not by
    // Vitest's typecheck mode, which is experimental and says so on every run.
  },
});
