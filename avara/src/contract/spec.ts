// Avara's bundled spec, for the vendor-neutral readers of a spec (../../src/contract/).
import bundledSpec from "../../generated/openapi.json" with { type: "json" };
import type { OpenApiDocument } from "contract-kit/spec";

export const avaraSpec = bundledSpec as OpenApiDocument;
