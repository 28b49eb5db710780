// Parchment's answers as the reference server sends them: the envelope every answer shares
// (statusCode, timestamp, a fresh requestId), a success around its data, and a problem
// (error: { type, title, detail, validation? }) for every refusal, the skeleton's included.
import { randomHex } from "contract-kit/testing/handler";
import type { Context } from "hono";
import type { ReferenceAnswers } from "contract-kit/testing";
import type { ValidationIssue } from "./messages.js";

const ERRORS = "https://parchment.health/errors/";

export type { ValidationIssue } from "./messages.js";

export interface Problem {
  status: number;
  /** The last segment of the problem type URL, such as "bad-request". */
  type: string;
  title: string;
  detail: string;
  validation?: ValidationIssue[];
  /** The envelope's machine-readable code; VALIDATION_ERROR when there is a validation[]. */
  code?: string;
}

const requestId = () => `req_${Date.now()}_${randomHex(3)}`;

function envelope(status: number, body: Record<string, unknown>) {
  return { statusCode: status, ...body, timestamp: new Date().toISOString(), requestId: requestId() };
}

/** Parchment's problem envelope for a request too malformed to route (see serveOnLoopback). */
export const malformedRequestBody = (status: number, title: string, detail: string) => ({
  success: false,
  ...envelope(status, { error: { type: `${ERRORS}bad-request`, title, detail } }),
});

export function success(c: Context, message: string, data: unknown, beside: Record<string, unknown> = {}, status: 200 | 201 | 202 = 200) {
  return c.json({ success: true, ...envelope(status, { message, data, ...beside }) }, status);
}

export function problem(c: Context, { status, type, title, detail, validation, code }: Problem) {
  const error = { type: `${ERRORS}${type}`, title, detail, ...(validation ? { validation } : {}) };
  const extra = code ? { code } : validation ? { code: "VALIDATION_ERROR" } : {};
  return c.json({ success: false, ...envelope(status, { error, ...extra }) }, status as 400);
}

export const badRequest = (c: Context, detail: string) => problem(c, { status: 400, type: "bad-request", title: "Bad Request", detail });

/** A 400 for a query parameter or body field that failed its schema. */
export const invalidRequest = (c: Context, detail: string, validation: ValidationIssue[]) =>
  problem(c, { status: 400, type: "invalid-request", title: "Invalid request", detail, validation });

/** A 422 for a body that failed its schema. */
export const validationFailed = (c: Context, detail: string, validation: ValidationIssue[]) =>
  problem(c, { status: 422, type: "validation-error", title: "Validation failed", detail, validation });

export const unauthorized = (c: Context, type: string, detail: string) => problem(c, { status: 401, type, title: "Unauthorized", detail });

/** What the shared skeleton refuses, as Parchment's problems. */
export const parchmentAnswers: ReferenceAnswers = {
  internalError: (c) => problem(c, { status: 500, type: "internal-error", title: "Internal Server Error", detail: "An unexpected error occurred" }),
  notFound: (c) => problem(c, { status: 404, type: "not-found", title: "Not Found", detail: "No such resource" }),
  fault: (c, status) =>
    problem(c, {
      status,
      type: status === 429 ? "rate-limit-exceeded" : status === 503 ? "service-unavailable" : "internal-error",
      title: status === 429 ? "Too Many Requests" : "Service Unavailable",
      detail: "Injected by the reference server",
    }),
  badRequest,
};
