/**
 * A child signal that aborts with its parent, detached by `dispose()`. The loop gives each step
 * its own: SDKs add an abort listener per request and never remove it, so on the run's one signal
 * they would pile up for the whole run (and Node warns after ten).
 */
export function linkedSignal(parent: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener("abort", onAbort, { once: true });
  return { signal: controller.signal, dispose: () => parent.removeEventListener("abort", onAbort) };
}
