// contract-kit/test-support: the helpers every package's tests share (hostile servers on
// loopback, the secrets check, the spec's examples), written once.
export * from "./hostile-server.js";
export * from "./raw-socket.js";
export * from "./secrets.js";
export * from "./serve-cli.js";
export * from "./spec.js";
export * from "./readme.js";
export * from "./samples.js";
export * from "./servers.js";
