// contract-kit/verify: the machinery of every vendor's `verify`: its options checked, one
// request per probe through the same attempt the clients use, its answer judged against the
// spec, the run that holds the checks, and the report.
export * from "./check-response.js";
export * from "./exchange.js";
export * from "./probe.js";
export * from "./report.js";
export * from "./run.js";
export * from "./verify-options.js";
