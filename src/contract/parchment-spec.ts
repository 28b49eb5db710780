// Parchment's bundled spec, for the vendor-neutral readers of a spec (spec-validator.ts,
// operations.ts), which take the document as a parameter so that Avara's code can pass its own.
import bundledSpec from "../../generated/openapi.json" with { type: "json" };
import type { OpenApiDocument } from "contract-kit/spec";

export const parchmentSpec = bundledSpec as OpenApiDocument;
