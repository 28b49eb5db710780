// Generated from openapi.yaml by scripts/generate.ts. Do not edit by hand.
/** The servers of the spec, by their `x-environment`. */
export const servers = {
  "production": "https://api.avarasoftware.com",
} as const;
