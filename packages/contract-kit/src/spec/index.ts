// contract-kit/spec: reading a bundled OpenAPI document: JSON pointers, its operations (with
// the vendor's security scheme named by the caller) and an ajv validator over the whole document.
export * from "./operations.js";
export * from "./pointer.js";
export * from "./validator.js";
