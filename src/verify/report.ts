// The verify report for people: one line per check, under a failed one its violations, what
// the server said and a hint, and a closing count. The report's strings are already redacted
// (verify does it); the CLI redacts what it prints once more.
import type { VerifyReport } from "./verify.js";

export function formatReport(report: VerifyReport): string {
  const lines = [`parchment-contract verify ${report.baseUrl}`];
  for (const check of report.checks) {
    const mark = check.outcome === "passed" ? "✓" : check.outcome === "failed" ? "✗" : "-";
    const status = check.status === undefined ? "" : ` → ${check.status}`;
    const where = check.operationId === "*" ? "" : `: ${check.operationId} ${check.method} ${check.path}`;
    const note = check.note ? ` (${check.outcome === "skipped" ? "skipped: " : ""}${check.note})` : "";
    lines.push(`${mark} ${check.name}${where}${status}${note}`);
    for (const violation of check.violations) {
      const at = check.operationId === "*" ? "" : `${[check.operationId, check.status].filter((part) => part !== undefined).join(" ")} `;
      lines.push(`    ${at}${violation.path}: expected ${violation.expected}; got ${violation.actual}`);
    }
    if (check.problem) lines.push(`    the server said: ${check.problem}`);
    if (check.hint) lines.push(`    hint: ${check.hint}`);
  }
  const count = (outcome: string) => report.checks.filter((check) => check.outcome === outcome).length;
  lines.push(`${count("passed")} passed, ${count("failed")} failed, ${count("skipped")} skipped`);
  return lines.join("\n");
}
