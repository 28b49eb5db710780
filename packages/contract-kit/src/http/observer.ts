// What watches a client's calls when it asked to be watched (onRequest/onResponse, or
// validateResponses): the hooks around each attempt and the drift check of each final
// response. A vendor imports this module lazily, from a module of its own that adds its
// operation ids, request id and validators (observation.ts): a client that watches nothing
// loads and ships none of it.
import type { AttemptResult } from "./attempt.js";
import { createDriftCheck, type DriftCheckOptions, type DriftEvent, type ValidateResponses } from "./drift.js";
import { callHook, operationIdOf, type Hooks } from "./observe.js";
import type { BufferedResponse } from "./response-body.js";
import { jsonBodyOf } from "./response-json.js";
import type { OperationInfo } from "./transport.js";

/**
 * What the client's options asked for, checked (observation.ts), the client's redaction, and
 * the vendor's response error (from the client's own entry: the lazy chunk shares no module
 * with it, so a bundler adds no chunk that the entry must import).
 */
export interface ObserverSettings extends Pick<DriftCheckOptions, "error"> {
  mode: ValidateResponses;
  onDrift: ((event: DriftEvent) => void) | undefined;
  hooks: Hooks | undefined;
  redact: (text: string) => string;
}

/** The vendor's tables, loaded with this module: its operation ids, where its request id is, and (a further lazy import) its validators. */
export interface VendorObserver extends Pick<DriftCheckOptions, "load" | "loadListing" | "requestIdOf"> {
  /** The contract's operation ids by "METHOD /path/template". */
  operationIds: Readonly<Record<string, string>>;
}

/** Wraps each attempt of a call and checks its final response; the transport's only view of it. */
export interface Observer {
  /** Runs one attempt (`run`), told to the hooks before and after. */
  attempt(run: () => Promise<AttemptResult>, operation: OperationInfo, attempt: number): Promise<AttemptResult>;
  /** Checks the final response of a call (validateResponses); rejects to fail the call. */
  inspect(operation: OperationInfo, response: BufferedResponse): Promise<void>;
}

export function createObserver(settings: ObserverSettings, vendor: VendorObserver): Observer {
  const { hooks, redact } = settings;
  const drift = createDriftCheck({ ...settings, load: vendor.load, loadListing: vendor.loadListing, requestIdOf: vendor.requestIdOf });

  /** The request id of a response for a hook (redacted, bounded). */
  async function requestIdFor(response: BufferedResponse | undefined): Promise<string | undefined> {
    if (!response) return undefined;
    const body = await jsonBodyOf(response);
    const id = vendor.requestIdOf(body?.json, response);
    return typeof id === "string" ? redact(id).slice(0, 256) : undefined;
  }

  return {
    async attempt(run, operation, attempt) {
      if (!hooks) return run();
      const base = { operationId: operationIdOf(vendor.operationIds, operation), method: operation.method, path: operation.path, attempt };
      callHook(hooks.onRequest, base);
      const start = performance.now();
      let result: AttemptResult;
      try {
        result = await run();
      } catch (error) {
        // The caller aborted: the attempt ends without a response.
        callHook(hooks.onResponse, { ...base, status: undefined, durationMs: performance.now() - start, requestId: undefined, error: "aborted" as const });
        throw error;
      }
      const durationMs = performance.now() - start;
      if (hooks.onResponse) {
        const status = result.response?.status ?? result.status;
        callHook(hooks.onResponse, { ...base, status, durationMs, requestId: await requestIdFor(result.response), error: result.failure });
      }
      return result;
    },
    inspect: async (operation, response) => drift?.(operation, response),
  };
}
