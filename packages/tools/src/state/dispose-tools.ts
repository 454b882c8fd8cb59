function isDisposable(tool: unknown): tool is { dispose(): Promise<void> } {
  return typeof (tool as { dispose?: unknown }).dispose === "function";
}

/**
 * Releases what a tool set holds: kills `task` processes, shuts language servers down. Call it when
 * the session ends; tools without resources are skipped, and one failure does not stop the others.
 */
export async function disposeTools(tools: Iterable<unknown>): Promise<void> {
  const results = await Promise.allSettled([...tools].filter(isDisposable).map((t) => t.dispose()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
