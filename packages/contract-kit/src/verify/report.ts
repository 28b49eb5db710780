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

/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls (ESC starts a sequence
 * that can move the cursor and erase a line, CR returns to its start, a newline starts a line
 * of its own), DEL, the line and paragraph separators, and the bidirectional overrides that
 * reorder what follows. A hostile server's text with them could overwrite a ✗ line with a
 * forged ✓.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as a visible escape, \u001b. */
export const escapeControls = (text: string): string => text.replace(CONTROLS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);

/**
 * `value` as one line of JSON that a terminal shows as it is. JSON.stringify escapes the C0
 * controls but writes DEL, the C1 controls, the separators and the bidirectional overrides as
 * they are; here they are \u escapes too (they only ever stand inside a JSON string, and JSON
 * reads the escape back as the same character), so the line parses to the same value.
 */
export const jsonLine = (value: unknown): string => escapeControls(JSON.stringify(value));

/** `command` heads the report: "parchment-contract verify", "avara-autoscribe-contract verify". */
export function formatReport(given: VerifyReport, command = "parchment-contract verify"): string {
  // Every string escaped, whatever field it is in: the report's text comes from the server.
  const report = redactReport(given, escapeControls);
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
