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
export * from "./files/path-lock.js";
export * from "./files/gitignore-filter.js";
export * from "./files/walk-files.js";
export * from "./files/read-file-tool.js";
export * from "./files/write-file-tool.js";
export * from "./files/list-dir-tool.js";
export * from "./files/glob-tool.js";
export * from "./files/edit-tool.js";
export * from "./files/multiedit-tool.js";
export * from "./files/apply-patch-tool.js";
export * from "./files/patch/parse-patch.js";
export type * from "./files/patch/patch-operation.js";

// Search, LSP, exec, web, state, batch tools (part 2)
export * from "./search/grep-tool.js";
export type * from "./search/grep-types.js";
export * from "./search/grep-pattern-error.js";
export * from "./search/search-path-error.js";
export * from "./search/find-ripgrep.js";
export * from "./search/codesearch-tool.js";
export * from "./search/symbol-index.js";
export * from "./search/symbol-extractors.js";
export * from "./search/rank-symbols.js";
export * from "./search/split-identifier.js";
export * from "./lsp/lsp-tool.js";
export * from "./lsp/lsp-manager.js";
export * from "./lsp/lsp-client.js";
export * from "./lsp/lsp-server-spec.js";
export * from "./lsp/lsp-error.js";
export * from "./exec/bash-tool.js";
export * from "./exec/task-tool.js";
export * from "./exec/background-task-manager.js";
export * from "./exec/run-command.js";
export * from "./exec/kill-process-group.js";
export * from "./exec/command-env.js";
export * from "./exec/task-not-found-error.js";
export * from "./exec/task-argument-error.js";
export * from "./exec/working-directory-error.js";
export * from "./web/webfetch-tool.js";
export * from "./web/fetch-page.js";
export * from "./web/html-to-markdown.js";
export * from "./web/html-to-text.js";
export * from "./web/web-fetch-error.js";
export * from "./web/websearch-tool.js";
export * from "./web/run-web-search.js";
export type * from "./web/search-backend.js";
export * from "./web/web-search-error.js";
export * from "./state/todo-item.js";
export * from "./state/todo-store.js";
export * from "./state/todo-tools.js";
export * from "./state/todo-store-error.js";
export * from "./state/todo-validation-error.js";
export * from "./state/question-tool.js";
export * from "./state/question-unavailable-error.js";
export * from "./state/skill-tool.js";
export * from "./state/skill-catalog.js";
export * from "./state/skill-not-found-error.js";
export * from "./state/plan-mode-state.js";
export * from "./state/plan-tools.js";
export * from "./state/dispose-tools.js";
export * from "./batch/batch-tool.js";
