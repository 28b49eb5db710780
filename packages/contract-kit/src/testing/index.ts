// contract-kit/testing: a vendor's reference server from the shared skeleton (faults, error
// answers, body limit, bounded JSON), served on 127.0.0.1, and the faults it can be told to
// answer with. The part without a port is contract-kit/testing/handler (it runs in a browser).
export * from "./handler.js";
export * from "./serve.js";
