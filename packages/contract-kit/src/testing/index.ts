// contract-kit/testing: a vendor's reference server from the shared skeleton (faults, error
// answers, body limit, bounded JSON), served on 127.0.0.1, and the faults it can be told to
// answer with.
export * from "./app.js";
export * from "./faults.js";
export * from "./serve.js";
export * from "./random.js";
