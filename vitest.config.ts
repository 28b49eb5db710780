// One Vitest run over every package: each contract of the registry (scripts/contracts.ts) and the
// shared core, each a project with its own folder of tests. Two loops:
// - `npm test` (the default): every test but the slow ones listed in FULL_CHECK, for every change;
// - `npm run check` (CHECK=full): all of them, as CI runs them.
// Type tests (*.test-d.ts: expectTypeOf, @ts-expect-error) are checked by `npm run typecheck`
// (tsc over every package), not by Vitest's typecheck mode, which is experimental.
// By path, not by package name: Vitest loads its config with Node, which runs no TypeScript from node_modules.
import { CONTRACTS } from "./scripts/contracts.js";
import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * Tests that pack a package, install it, start a browser or spawn a CLI or another tool per
 * case: each is worth its seconds once per CI run, not on every change.
 */
export const FULL_CHECK = [
  "**/test/package/**",
  "**/test/cli/**",
  "**/*.browser.test.ts",
  "test/contract/prism-*.test.ts",
  "test/ecosystem/**",
  "test/breaking/gate.test.ts",
  "test/tooling/**",
  "test/pipeline/**",
  // Lints a spec variant per rule (the contract itself is linted by npm run lint).
  "test/spec/lint.test.ts",
  // Typecheck the docs pages' code samples with tsc.
  "test/spec/code-samples.test.ts",
];

const full = process.env.CHECK === "full";
const project = (name: string, root: string) => ({
  test: {
    name,
    root,
    include: ["test/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...(full ? [] : FULL_CHECK)],
    setupFiles: [path.resolve(import.meta.dirname, "packages/contract-kit/test/support/real-timers.ts")],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The fast loop shares each worker's module cache across files (no test relies on a fresh
    // module: every file restores its timers, mocks and servers), which halves its import time;
    // the full check keeps every file in a fresh module graph, so a leak between files shows there.
    isolate: full,
  },
});

export default defineConfig({
  test: {
    // Both cores (Vitest leaves one idle by default: on these 2-core machines, half the speed).
    maxWorkers: 2,
    // The default report, then two closing lines: the counts, and what passed in words.
    reporters: ["default", "./packages/contract-kit/test/support/summary-reporter.ts"],
    projects: [...CONTRACTS.map((contract) => project(contract.name, contract.dir)), project("contract-kit", "packages/contract-kit")],
  },
});
