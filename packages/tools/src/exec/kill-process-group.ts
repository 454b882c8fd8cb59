/**
 * Signals every process in the group led by `pid` (the command and everything it started that did
 * not leave the group). Returns false when the group no longer exists.
 */
export function killProcessGroup(pid: number, signal: NodeJS.Signals = "SIGKILL"): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    // ESRCH: the group is already gone, which is what the caller wanted.
    return false;
  }
}
