// One verify run of any contract, set up the same way for every vendor: the credentials
// redacted from every string shown, the vendor's spec read for its operations and schemas,
// one prober over the checked options, and the report it ends with. A vendor's verify adds
// only its credentials' headers, what its error bodies say, and its sequence of checks.
import type { OpenApiDocument } from "../spec/validator.js";
import { specOperations } from "../spec/operations.js";
import { createSpecValidator, type SpecValidator } from "../spec/validator.js";
import { createRedactor } from "../http/redact.js";
import { createShow, type Show } from "./check-response.js";
import { createProber, type Prober, type ProberOptions } from "./probe.js";
import { redactReport, type VerifyReport } from "./report.js";
import type { CheckedVerifyOptions } from "./verify-options.js";

export interface VerifyRunSetup extends Pick<ProberOptions, "credentials" | "pathParams" | "problemOf" | "hint401"> {
  spec: OpenApiDocument;
  /** From checkVerifyOptions. */
  checked: CheckedVerifyOptions;
  /** Redacted, whole or in part, from everything the report holds. */
  secrets: readonly string[];
}

export interface VerifyRun extends Prober {
  /** Report text with the secrets redacted. */
  show: Show;
  /** The contract's validator, for building a request from what the server answered. */
  validator: SpecValidator;
  /** A secret learnt during the run (a token a server granted), redacted from then on and from the whole report. */
  addSecret(secret: string): void;
  /** The report of every check so far, redacted once more as a whole: ok when none failed. */
  report(): VerifyReport;
}

export function startVerifyRun(setup: VerifyRunSetup): VerifyRun {
  const redactor = createRedactor([...setup.secrets]);
  const { redact } = redactor;
  const show = createShow(redact);
  const validator = createSpecValidator(setup.spec);
  const { baseUrl, transport } = setup.checked;
  const prober = createProber({
    baseUrl,
    operations: specOperations(validator.document),
    validator,
    show,
    transport,
    credentials: setup.credentials,
    pathParams: setup.pathParams,
    problemOf: setup.problemOf,
    hint401: setup.hint401,
  });
  return {
    ...prober,
    show,
    validator,
    addSecret: (secret) => redactor.add(secret),
    report: () => redactReport({ ok: prober.checks.every((check) => check.outcome !== "failed"), baseUrl, checks: prober.checks }, redact),
  };
}
