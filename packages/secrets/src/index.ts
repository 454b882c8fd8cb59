export * from "./secret-store.js";
export * from "./redact.js";
