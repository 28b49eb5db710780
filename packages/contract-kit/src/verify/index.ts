// contract-kit/verify: the machinery of every vendor's `verify`: one request per probe through
// the same attempt the clients use, its answer judged against the spec, and the report.
export * from "./check-response.js";
export * from "./exchange.js";
export * from "./probe.js";
export * from "./report.js";
