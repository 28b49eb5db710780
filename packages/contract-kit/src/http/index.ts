// contract-kit/http: what every vendor client sends requests with. The transport (token,
// attempts, retries), one attempt's deadline and size cap, the option checks, redaction of
// secrets, and the readers of bodies, media types and Retry-After.
export * from "./attempt.js";
export * from "./causes.js";
export * from "./json-depth.js";
export * from "./media-type.js";
export * from "./options.js";
export * from "./read-body.js";
export * from "./redact.js";
export * from "./retry.js";
export * from "./transport.js";
