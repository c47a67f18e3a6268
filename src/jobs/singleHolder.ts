import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database.js';

/** How often an instance that does not hold a part tries to take it over. */
export const TAKEOVER_INTERVAL_MS = 10_000;

export interface HeldPart {
  name: string;
  /** Starts the part; answers how to stop it. */
  start(): Promise<() => Promise<void>>;
}

/**
 * Runs a part that must run on one instance at a time (polling one mailbox, Telegram's long polling)
 * while this instance holds a PostgreSQL advisory lock. The others try every 10 s, so when the holder
 * dies (its connection drops and the lock with it) another takes the part over within that time.
 */
export function holdOnOneInstance(
  database: Pick<DatabaseHandle, 'tryLock'>,
  key: number,
  part: HeldPart,
  logger: Pick<Logger, 'info' | 'warn'>,
  retryMs = TAKEOVER_INTERVAL_MS,
): { holding(): boolean; stop(): Promise<void> } {
  let stopped = false;
  let holding = false;
  let wake: () => void = () => {};
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, retryMs);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const done = (async () => {
    while (!stopped) {
      const lock = await database.tryLock(key).catch((error: unknown) => {
        logger.warn({ err: error, part: part.name }, 'cannot ask for the lock; trying again');
        return null;
      });
      if (!lock) {
        await pause();
        continue;
      }
      if (stopped) {
        await lock.release();
        break;
      }
      const stopPart = await part.start();
      holding = true;
      logger.info({ part: part.name }, 'this instance now runs it');
      const stoppedHere = new Promise<void>((resolve) => {
        wake = resolve;
      });
      await Promise.race([lock.lost, stoppedHere]);
      holding = false;
      await stopPart();
      if (stopped) await lock.release();
      else logger.warn({ part: part.name }, 'lost the lock (the database connection broke); trying again');
    }
  })();
  return {
    holding: () => holding,
    async stop() {
      stopped = true;
      wake();
      await done;
    },
  };
}
