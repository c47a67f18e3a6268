/**
 * A job the sweeps' loop runs on every pass, done only once `intervalMs` has gone by since it last ran
 * (the directory sync asks a remote server about every staff member: not every 15 seconds).
 */
export function atMostEvery(
  intervalMs: number,
  run: () => Promise<Record<string, number>>,
): () => Promise<Record<string, number>> {
  let lastRun = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = performance.now();
    if (now - lastRun < intervalMs) return {};
    lastRun = now;
    return run();
  };
}
