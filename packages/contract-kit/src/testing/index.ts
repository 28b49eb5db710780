// contract-kit/testing: serving a vendor's reference handler on 127.0.0.1, and the faults it
// can be told to answer with.
export * from "./faults.js";
export * from "./serve.js";
