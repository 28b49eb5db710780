// contract-kit/http: what every vendor client sends requests with. The transport (token,
// attempts, retries), one attempt's deadline and size cap, the option checks, redaction of
// secrets, the readers of bodies, media types and Retry-After, and the fetch under a typed
// openapi-fetch client (raw-fetch).
export * from "./attempt.js";
export * from "./call-request.js";
export * from "./causes.js";
export * from "./errors.js";
export * from "./json-body.js";
export * from "./json-depth.js";
export * from "./media-type.js";
export * from "./contract-media-type.js";
export * from "./options.js";
export * from "./raw-fetch.js";
export * from "./read-body.js";
export * from "./redact.js";
export * from "./retry.js";
export * from "./transport.js";
export * from "./drift.js";
export * from "./observe.js";
export * from "./response-body.js";
export * from "./response-json.js";
export * from "./observation.js";
export * from "./observer.js";
