// What the generated response validators (ajv standalone code, scripts/response-validators.ts)
// call at run time: ajv-formats' format checks and ajv's string length, from one ES module.
// Both are CommonJS with an `exports.default`, which Node's ESM, Vite and esbuild each hand
// to a default import differently: read here once, whichever way it arrives.
import { fullFormats } from "ajv-formats/dist/formats.js";
import ucs2 from "ajv/dist/runtime/ucs2length.js";

type Ucs2Length = (text: string) => number;
const loaded = ucs2 as unknown as Ucs2Length | { default: Ucs2Length };

export const validatorRuntime = {
  fullFormats,
  ucs2length: typeof loaded === "function" ? loaded : loaded.default,
};
