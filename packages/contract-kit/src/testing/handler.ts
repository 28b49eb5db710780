// contract-kit/testing/handler: the part of the reference-server plumbing that runs anywhere
// fetch does (Node, a browser, MSW's service worker): the app skeleton, faults and randomness.
// Serving on a port (serve.ts, node:http) is only in contract-kit/testing.
export * from "./app.js";
export * from "./faults.js";
export * from "./random.js";
export * from "./fetch-at.js";
