// Registry and policy
export * from "./registry/define-tool.js";
export * from "./registry/tool-registry.js";
export * from "./registry/validate-json-schema.js";
export * from "./permissions/permission-rules.js";
export * from "./permissions/split-shell-command.js";
export * from "./permissions/create-permission-gate.js";
export * from "./permissions/require-permission.js";
export * from "./guard/workspace-guard.js";
export * from "./output/output-budget.js";

// Errors
export * from "./errors/tool-input-error.js";
export * from "./errors/unknown-tool-error.js";
export * from "./errors/duplicate-tool-error.js";
export * from "./errors/permission-denied-error.js";
export * from "./errors/outside-workspace-error.js";

// All built-ins
export * from "./create-builtin-tools.js";

// File tools (part 1)

// Search, LSP, exec, web, state, batch tools (part 2)
