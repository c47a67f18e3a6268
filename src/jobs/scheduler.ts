import type { Logger } from 'pino';
import { runCertificateReminders } from '../app/certificateReminders.js';
import type { AppContext } from '../app/context.js';
import { OUTBOX_HANDLERS } from '../app/deliveries.js';
import { dispatchOutbox } from '../app/outbox.js';
import { runAutoClose, runSlaWatch } from '../app/tickets/sweeps.js';

export interface Jobs {
  /** Stops the timer and waits for a pass in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs the background work of one app instance on a timer. Every job is safe to run on several
 * instances at once (rows are claimed with SKIP LOCKED), so each instance simply runs them all.
 */
export function startJobs(ctx: AppContext, logger: Pick<Logger, 'error' | 'info'>, intervalMs: number): Jobs {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** One pass of every job: watch response deadlines, remind and auto-close, remind of certificates ending, deliver the outbox. */
  const runOnce = async () => {
    for (const [name, job] of [
      ['sla-watch', () => runSlaWatch(ctx)],
      ['auto-close', () => runAutoClose(ctx)],
      ['certificate-reminders', () => runCertificateReminders(ctx)],
      ['outbox', () => dispatchOutbox(ctx, OUTBOX_HANDLERS)],
    ] as const) {
      try {
        const result = await job();
        if (Object.values(result).some((count) => count > 0))
          logger.info({ job: name, ...result }, 'job ran');
      } catch (error) {
        logger.error({ err: error, job: name }, 'job failed; it runs again on the next tick');
      }
    }
  };
  const tick = () => {
    running = runOnce().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  timer = setTimeout(tick, intervalMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
