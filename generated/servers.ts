// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.
/** The servers of the spec, by their `x-environment`. */
export const servers = {
  "sandbox": "https://api.sandbox.parchmenthealth.io/external",
  "production": "https://api.parchmenthealth.io/external",
} as const;
