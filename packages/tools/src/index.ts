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
export * from "./errors/stale-file-error.js";
export * from "./errors/file-not-found-error.js";
export * from "./errors/binary-file-error.js";
export * from "./errors/edit-not-found-error.js";
export * from "./errors/ambiguous-edit-error.js";
export * from "./errors/patch-parse-error.js";
export * from "./errors/patch-apply-error.js";
export * from "./errors/file-change-failed-error.js";

// All built-ins
export * from "./create-builtin-tools.js";

// File tools (part 1)
export * from "./files/file-read-tracker.js";
export * from "./files/file-tool-options.js";
export * from "./files/gitignore-filter.js";
export * from "./files/walk-files.js";
export * from "./files/read-file-tool.js";
export * from "./files/write-file-tool.js";
export * from "./files/list-dir-tool.js";
export * from "./files/glob-tool.js";
export * from "./files/edit-tool.js";
export * from "./files/multiedit-tool.js";

// Search, LSP, exec, web, state, batch tools (part 2)
