// contract-kit/spec: reading a bundled OpenAPI document: JSON pointers, its operations (with
// the scopes of the document's own security schemes) and an ajv validator over the whole document.
export * from "./broken-rules.js";
export * from "./operations.js";
export * from "./pointer.js";
export * from "./validator.js";
