// Parchment puts a requestId in every body, and support asks for it: each response must carry
// its own. The run's probe collects them; the check over them comes last.
import type { CheckResult, VerifyRun } from "contract-kit/verify";
import { REQUEST_IDS_CHECK } from "./checks.js";

/** The run with a probe that collects every body's requestId, and the check over them. */
export function collectRequestIds(base: VerifyRun): { run: VerifyRun; checkRequestIds(): void } {
  const requestIds: string[] = [];
  const run: VerifyRun = {
    ...base,
    async probe(...args) {
      const probed = await base.probe(...args);
      if (typeof probed.body?.requestId === "string") requestIds.push(probed.body.requestId);
      return probed;
    },
  };
  function checkRequestIds(): void {
    const repeated = [...new Set(requestIds.filter((id, index) => requestIds.indexOf(id) !== index))];
    const check: CheckResult = { name: REQUEST_IDS_CHECK, operationId: "*", method: "", path: "", outcome: "passed", violations: [] };
    base.checks.push(check);
    if (requestIds.length < 2) {
      check.outcome = "skipped";
      check.note = "fewer than two responses carried a requestId";
    } else if (repeated.length > 0) {
      check.outcome = "failed";
      check.violations = repeated.slice(0, 5).map((id) => ({ path: "$.requestId", expected: "a fresh requestId per response", actual: `${base.show.value(id)} more than once` }));
    }
  }
  return { run, checkRequestIds };
}
