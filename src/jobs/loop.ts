import type { Logger } from 'pino';

/** What one pass of a job reports: counts for the log, and whether to go again at once or pause. */
export interface PassResult {
  counts?: Record<string, number>;
  /** More work is waiting: the next pass follows at once. */
  more?: boolean;
  /** A peer asked to wait this long before the next pass. */
  pauseMs?: number;
}

export interface JobLoop {
  readonly name: string;
  /** A pass is running now. */
  readonly busy: boolean;
  /** Runs the next pass now (new work was written), or right after the pass in progress. */
  wake(): void;
  /** Stops the loop and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

export interface LoopOptions {
  /** The pause between passes when there is nothing to do and nobody wakes the loop. */
  idleMs: number;
  logger: Pick<Logger, 'error' | 'info'>;
  /** Told how long each pass took and what it counted, for the metrics. */
  onPass?: (name: string, seconds: number, ok: boolean) => void;
  onCounts?: (name: string, counts: Record<string, number>) => void;
}

/**
 * One background job on its own loop: a slow or stuck pass (a peer that never answers) delays only
 * this job, never the SLA watch or another channel. A failed pass is logged and tried again after
 * the idle pause.
 */
export function startLoop(name: string, pass: () => Promise<PassResult>, options: LoopOptions): JobLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let wokenWhileRunning = false;
  let stopped = false;
  /** Until when a peer asked the loop to wait; a wake-up before then waits too. */
  let pausedUntil = 0;

  const schedule = (delayMs: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  const run = () => {
    timer = undefined;
    if (running || stopped) return;
    wokenWhileRunning = false;
    const started = performance.now();
    running = pass()
      .then(
        (result) => {
          options.onPass?.(name, (performance.now() - started) / 1000, true);
          const counts = result.counts ?? {};
          options.onCounts?.(name, counts);
          if (Object.values(counts).some((count) => count > 0))
            options.logger.info({ job: name, ...counts }, 'job ran');
          if (result.pauseMs) {
            pausedUntil = performance.now() + result.pauseMs;
            return result.pauseMs;
          }
          return result.more || wokenWhileRunning ? 0 : options.idleMs;
        },
        (error: unknown) => {
          options.onPass?.(name, (performance.now() - started) / 1000, false);
          options.logger.error({ err: error, job: name }, 'job failed; it runs again after a pause');
          return options.idleMs;
        },
      )
      .then((delayMs) => {
        running = null;
        schedule(delayMs);
      });
  };

  schedule(0);
  return {
    name,
    get busy() {
      return running !== null;
    },
    wake() {
      if (running) wokenWhileRunning = true;
      else if (!stopped) schedule(Math.max(0, pausedUntil - performance.now()));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
