// Shared by the client tests: the error a call of the Avara client rejects with.
import { failure as failureOf } from "contract-kit/test-support";
import type { AvaraError } from "../../src/index.js";

export const failure = (promise: Promise<unknown>) => failureOf<AvaraError & { status?: number; body?: unknown }>(promise);
