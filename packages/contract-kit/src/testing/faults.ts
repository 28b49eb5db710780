// The faults a reference server can be told to answer with (failNext, POST /__reference/faults),
// checked before they are kept: a fault becomes a status line and a Retry-After header, so a
// value that is not exactly a known status and whole numbers would reach the wire.

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;

/** Make the next `times` requests answer `status`, with `Retry-After` when given. */
export interface Fault {
  status: (typeof FAULT_STATUSES)[number];
  /** 1 to 1000; default 1. */
  times?: number;
  /** Whole seconds, 0 to 86400; default 1. */
  retryAfterSeconds?: number;
}

const wholeNumber = (value: unknown, min: number, max: number) => Number.isInteger(value) && (value as number) >= min && (value as number) <= max;

/** The fault with its defaults, or what is wrong with it (one sentence naming the field). */
export function parseFault(value: unknown): Required<Fault> | string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "the body must be an object {status, times?, retryAfterSeconds?}";
  const { status, times = 1, retryAfterSeconds = 1, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) return `unknown field ${JSON.stringify(unknown[0]).slice(0, 64)}: only status, times and retryAfterSeconds`;
  if (!(FAULT_STATUSES as readonly unknown[]).includes(status)) return `status must be one of ${FAULT_STATUSES.join(", ")}`;
  if (!wholeNumber(times, 1, 1000)) return "times must be a whole number from 1 to 1000";
  if (!wholeNumber(retryAfterSeconds, 0, 86_400)) return "retryAfterSeconds must be a whole number of seconds from 0 to 86400";
  return { status: status as Fault["status"], times: times as number, retryAfterSeconds: retryAfterSeconds as number };
}
