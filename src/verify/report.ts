// The verify report for people: one line per check, the violations under a failed one, and
// a closing count. (The CLI scrubs credentials from whatever it prints.)
import type { VerifyReport } from "./verify.js";

export function formatReport(report: VerifyReport): string {
  const lines = [`parchment-contract verify ${report.baseUrl}`];
  for (const check of report.checks) {
    const mark = check.outcome === "passed" ? "✓" : check.outcome === "failed" ? "✗" : "-";
    const status = check.status === undefined ? "" : ` → ${check.status}`;
    const where = check.operationId === "*" ? "" : `: ${check.operationId} ${check.method} ${check.path}`;
    lines.push(`${mark} ${check.name}${where}${status}${check.note ? ` (skipped: ${check.note})` : ""}`);
    for (const violation of check.violations) {
      const at = check.operationId === "*" ? "" : `${check.operationId} ${check.status ?? ""} `;
      lines.push(`    ${at}${violation.path}: expected ${violation.expected}; got ${violation.actual}`);
    }
  }
  const count = (outcome: string) => report.checks.filter((check) => check.outcome === outcome).length;
  lines.push(`${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`);
  return lines.join("\n");
}
