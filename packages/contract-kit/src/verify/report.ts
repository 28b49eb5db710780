// The verify report for people: one line per check, under a failed one its violations, what
// the server said and a hint, and a closing count. The report's strings are already redacted
// (verify does it); the CLI redacts what it prints once more.
import type { Violation } from "./check-response.js";

export interface CheckResult {
  name: string;
  operationId: string;
  method: string;
  path: string;
  status?: number;
  outcome: "passed" | "failed" | "skipped";
  violations: Violation[];
  /** Why a check was skipped, or what else a reader should know. */
  note?: string;
  /** What the server said (a problem's title and detail, a message), when it said something. */
  problem?: string;
  /** What to look at, for a failure with a likely cause (a 401). */
  hint?: string;
}

export interface VerifyReport {
  ok: boolean;
  baseUrl: string;
  checks: CheckResult[];
}

/** Every string of the report through `redact`: a last pass over whatever was put in it. */
export function redactReport<R extends VerifyReport>(report: R, redact: (text: string) => string): R {
  const strings = (value: unknown): unknown =>
    typeof value === "string"
      ? redact(value)
      : Array.isArray(value)
        ? value.map(strings)
        : value && typeof value === "object"
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strings(item)]))
          : value;
  return strings(report) as R;
}

/** `command` heads the report: "parchment-contract verify", "avara-autoscribe-contract verify". */
export function formatReport(report: VerifyReport, command = "parchment-contract verify"): string {
  const lines = [`${command} ${report.baseUrl}`];
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
