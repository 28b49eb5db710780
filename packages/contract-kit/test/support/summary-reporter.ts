// The last lines of a test run: how many tests passed, failed and were skipped (a plain
// "N passed, N failed, N skipped" line), then one line that says what passed, in words, for a
// newcomer reading `npm test` from the top. Under `npm test` and `npm run check` the steps
// before Vitest had to pass for Vitest to start, so they are named too.
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from "vitest/node";

/** What the npm script ran before Vitest, by script (package.json). */
const BEFORE_VITEST: Record<string, string> = {
  test: "typecheck (tsc, type tests included), lint of every contract (Redocly, Spectral), ",
  check: "typecheck (tsc, type tests included), lint of every contract (Redocly, Spectral), the breaking-change gate, the build, package checks (publint, attw), ",
};

const NODE_IN_NAME = /on Node (v\d+\.\d+\.\d+)/;

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const tests = modules.flatMap((module) => [...module.children.allTests()]);
    const count = (state: string) => tests.filter((test) => test.result().state === state).length;
    const [passed, failed, skipped] = [count("passed"), count("failed"), count("skipped") + count("pending")];
    const print = (line: string) => process.stdout.write(`${line}\n`);
    print("");
    print(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    if (reason !== "passed" || failed > 0 || errors.length > 0) {
      const errorNote = errors.length > 0 ? ` and ${errors.length} errors outside tests` : "";
      print(`FAILED: ${failed} tests${errorNote}; see the failures above`);
      return;
    }
    const nodes = new Set(tests.filter((test) => test.result().state === "passed").map((test) => NODE_IN_NAME.exec(test.fullName)?.[1]).filter(Boolean));
    const skippedFiles = modules.filter((module) => [...module.children.allTests()].every((test) => test.result().state !== "passed")).map((module) => module.relativeModuleId);
    const before = BEFORE_VITEST[process.env.npm_lifecycle_event ?? ""] ?? "";
    const onNodes = nodes.size > 0 ? `; the packed package on Node ${[...nodes].join(", ")}` : "";
    const skippedNote = skipped > 0 ? `; skipped: ${skipped} (${skippedFiles.length > 0 ? skippedFiles.join(", ") : "see above"}, reason printed above)` : "";
    const files = modules.length - skippedFiles.length;
    const projects = new Set(modules.map((module) => module.project.name));
    const name = projects.size > 0 ? ` (${[...projects].join(", ")})` : "";
    print(`passed${name}: ${before}${passed} tests in ${files} ${files === 1 ? "file" : "files"}${onNodes}${skippedNote}`);
  }
}
