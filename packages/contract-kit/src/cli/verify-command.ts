// `<vendor> verify`, written once for every vendor: its options from flags or environment
// variables (every missing one named at once), --base-url and --timeout checked, the vendor's
// verify run, and the report printed (formatReport, or one JSON line with --json) with every
// secret redacted from every line and every control character escaped (\u001b), whatever a
// server sent back. Exit 0 when every check passed, 1 otherwise, 2 for a usage error. A vendor
// gives its names, usage, credential options and its verify function.
import type { ParseArgsConfig } from "node:util";
import { OptionError } from "../http/options.js";
import { createRedactor } from "../http/redact.js";
import { escapeControls, formatReport, jsonLine, type VerifyReport } from "../verify/report.js";
import type { VerifyBaseOptions } from "../verify/verify-options.js";
import { baseUrlFlag, countFlag, optionsFrom, timeoutFlag } from "./flags.js";
import { UsageError, help, parse, type Command } from "./program.js";

/** One of the vendor's own verify options (its credentials, ids, limits). */
export interface VerifyFlag<O = Record<string, unknown>> {
  /** The flag without its dashes: "organization-secret". */
  flag: string;
  /** The verify option it sets: "organizationSecret" (checked against the vendor's options' type). */
  option: Exclude<keyof O & string, keyof VerifyBaseOptions>;
  /** Read when the flag is absent: "PARCHMENT_ORGANIZATION_SECRET". */
  variable?: string;
  required?: boolean;
  /** Redacted from everything printed. */
  secret?: boolean;
  /** "string" (the default); "count": a whole number of at least 1; "boolean": a switch, true when given (never from a variable, like --allow-writes). */
  type?: "string" | "count" | "boolean";
}

export interface VerifyCommandSpec<O extends VerifyBaseOptions> {
  /** The program's name: the report is headed "<name> verify <base url>". */
  name: string;
  usage: string;
  /** Read when --base-url is absent: "PARCHMENT_BASE_URL". */
  baseUrlVariable: string;
  /** Where credentials go instead of the URL, said when --base-url holds user:password@. */
  credentialsGo: string;
  /** The vendor's options besides --base-url, --allow-writes, --timeout and --json, in usage order. */
  flags: readonly VerifyFlag<O>[];
  verify(options: O): Promise<VerifyReport>;
}

export function verifyCommand<O extends VerifyBaseOptions>(spec: VerifyCommandSpec<O>): Command {
  const { usage, flags } = spec;
  const table: NonNullable<ParseArgsConfig["options"]> = {
    "base-url": { type: "string" },
    ...Object.fromEntries(flags.map(({ flag, type }) => [flag, { type: type === "boolean" ? ("boolean" as const) : ("string" as const) }])),
    "allow-writes": { type: "boolean" },
    timeout: { type: "string" },
    json: { type: "boolean" },
  };
  // In usage order, so that every missing one is named at once, in the order the usage shows.
  const required = [["base-url", spec.baseUrlVariable] as const, ...flags.filter((flag) => flag.required).map(({ flag, variable }) => [flag, variable ?? ""] as const)];
  /** A refusal of verify's own option check, said about the flag that set it. */
  const usageError = (error: OptionError) => {
    const named = flags.find((flag) => flag.option === error.option);
    const flag = named ? `--${named.flag}${named.variable ? ` (or ${named.variable})` : ""}` : error.option;
    return new UsageError(`${flag} must be ${error.expected}`, usage);
  };

  async function run(args: string[]): Promise<number> {
    const values = parse(args, table, usage);
    if (values.help) return help(usage);
    const option = optionsFrom(values, required, usage);
    // Every line printed from here on goes through this, whatever a server sent back.
    const { redact } = createRedactor(flags.filter((flag) => flag.secret).map(({ flag, variable }) => option(flag, variable)));
    const baseUrl = baseUrlFlag(option("base-url", spec.baseUrlVariable)!, usage, spec.credentialsGo);
    const options: Record<string, unknown> = { baseUrl };
    for (const { flag, option: name, variable, type } of flags) {
      if (type === "boolean") {
        options[name] = values[flag] === true;
        continue;
      }
      const text = option(flag, variable);
      options[name] = type === "count" ? countFlag(flag, text, usage, redact) : text;
    }
    options.allowWrites = values["allow-writes"] === true;
    options.timeoutMs = timeoutFlag(option("timeout"), usage, redact);

    let report: VerifyReport;
    try {
      report = await spec.verify(options as O);
    } catch (error) {
      if (error instanceof OptionError) throw usageError(error);
      // Not expected (verify reports what a server does rather than throwing), but still a
      // report, in the format asked for, and redacted.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const failed = { ok: false, baseUrl, checks: [], error: `verify stopped: ${reason}` };
      console.log(redact(values.json ? jsonLine(failed) : `${spec.name} verify ${baseUrl}\n${escapeControls(failed.error)}`));
      return 1;
    }
    console.log(redact(values.json ? jsonLine(report) : formatReport(report, `${spec.name} verify`)));
    return report.ok ? 0 : 1;
  }

  return { usage, run };
}
