import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs work and answers no sooner than `floorMs` after it started, so that how long an answer took
 * does not tell what the work found (an account with that address, or none).
 */
export async function withEvenTiming<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
