// Avara's error answers as the reference server sends them: {"error": {"type", "message"}}, our
// own shape (Avara documents none), for every refusal, the shared skeleton's included.
import type { Context } from "hono";
import type { ReferenceAnswers } from "contract-kit/testing";

export function error(c: Context, status: number, type: string, message: string) {
  return c.json({ error: { type, message } }, status as 400);
}

/** Avara's error shape for a request too malformed to route (see serveOnLoopback). */
export const malformedRequestBody = (_status: number, _title: string, detail: string) => ({ error: { type: "invalid_request_error", message: detail } });

/** What the shared skeleton refuses, in Avara's error shape. */
export const avaraAnswers: ReferenceAnswers = {
  internalError: (c) => error(c, 500, "api_error", "An unexpected error occurred"),
  notFound: (c) => error(c, 404, "not_found", "No such resource"),
  fault: (c, status) => error(c, status, status === 429 ? "rate_limit_error" : "api_error", "Injected by the reference server"),
  badRequest: (c, detail) => error(c, 400, "invalid_request_error", detail),
};
