import type { Logger } from 'pino';
import type { AppContext } from '../app/context.js';
import { runCertificateReminders } from '../app/customers/certificateReminders.js';
import { OUTBOX_HANDLERS } from '../app/outbox/deliveries.js';
import { pruneOutbox } from '../app/outbox/deliveryLog.js';
import { type DispatchOptions, dispatchOutbox } from '../app/outbox/dispatch.js';
import { OUTBOX_CHANNELS, type OutboxChannel, type OutboxTopic } from '../app/outbox/topics.js';
import { pruneReplayableWrites } from '../app/tickets/replayableWrites.js';
import { runAutoClose, runSlaWatch } from '../app/tickets/sweeps.js';
import { removeUnlinkedUploads } from '../app/tickets/unlinkedUploads.js';
import { type JobLoop, type LoopOptions, type PassResult, startLoop } from './loop.js';

export interface JobSettings {
  /** The pause between passes of the sweeps (SLA watch, auto-close, reminders). */
  intervalMs: number;
  /** The pause of an idle outbox loop that nobody wakes (a retry coming due). */
  outboxPollMs: number;
  /** How long delivered outbox entries are kept. */
  outboxRetentionMs: number;
}

export interface JobObserver {
  onPass?: LoopOptions['onPass'];
  onCounts?: LoopOptions['onCounts'];
  onOutcome?: DispatchOptions['onOutcome'];
}

/** A job a channel brings (retrying what it stored), handed in by the composition root. */
export interface ChannelJob {
  name: string;
  run(): Promise<Record<string, number>>;
}

export interface Jobs {
  /**
   * Wakes a worker of the channel that delivers this topic: an entry was just written. Null wakes them all
   * (a broken listening connection came back, and something may have been missed).
   */
  outboxWritten(topic: string | null): void;
  /** Stops every loop and waits for passes in progress to finish. */
  stop(): Promise<void>;
}

/**
 * How many workers deliver one channel side by side, within what its peer takes well, and how many
 * entries each claims at a time. Each worker claims, delivers and marks its own small batch, so no
 * worker waits for the slowest delivery of another (the desk's own list takes a batch in one statement).
 */
const WORKERS: Record<OutboxChannel, { workers: number; batchSize: number }> = {
  inapp: { workers: 2, batchSize: 200 },
  mail: { workers: 16, batchSize: 10 },
  telegram: { workers: 4, batchSize: 5 },
  webhooks: { workers: 4, batchSize: 10 },
  storage: { workers: 1, batchSize: 20 },
};
const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * Wakes one worker of a channel for a new entry. A worker in the middle of a pass is told to go
 * again right after it, and its next claim takes every entry written meanwhile; only when none is
 * busy does an idle one start. Waking them all would send every worker of every instance to the
 * database for each entry written, to claim one entry each or none. A backlog larger than a batch
 * brings in the others on their own rounds (each looks every OUTBOX_POLL_MS and, finding a full
 * batch, goes on at once).
 */
function wakeForNewEntry(workers: readonly JobLoop[]): void {
  (workers.find((worker) => worker.busy) ?? workers[0])?.wake();
}

const counted = <T extends Record<string, number>>(counts: T): PassResult => ({ counts });

/**
 * Runs the background work of one app instance, each job on its own loop. Every job is safe to run
 * on several instances at once (rows are claimed with SKIP LOCKED), so each instance runs them all.
 */
export function startJobs(
  ctx: AppContext,
  logger: Pick<Logger, 'error' | 'info'>,
  settings: JobSettings,
  observer: JobObserver = {},
  channelJobs: ChannelJob[] = [],
): Jobs {
  const observed = { logger, onPass: observer.onPass, onCounts: observer.onCounts };
  const sweep = { idleMs: settings.intervalMs, ...observed };
  const loops: JobLoop[] = [
    startLoop('sla-watch', async () => counted(await runSlaWatch(ctx)), sweep),
    startLoop('auto-close', async () => counted(await runAutoClose(ctx)), sweep),
    startLoop('certificate-reminders', async () => counted(await runCertificateReminders(ctx)), sweep),
    startLoop('upload-sweep', async () => counted(await removeUnlinkedUploads(ctx)), {
      ...sweep,
      idleMs: PRUNE_INTERVAL_MS,
    }),
    startLoop('replayable-writes-prune', async () => counted(await pruneReplayableWrites(ctx)), {
      ...sweep,
      idleMs: PRUNE_INTERVAL_MS,
    }),
    startLoop('outbox-prune', async () => counted(await pruneOutbox(ctx, settings.outboxRetentionMs)), {
      ...sweep,
      idleMs: PRUNE_INTERVAL_MS,
    }),
  ];
  for (const job of channelJobs) loops.push(startLoop(job.name, async () => counted(await job.run()), sweep));
  const outboxWakers = new Map<OutboxTopic, { wakeOne(): void; all: JobLoop[] }>();
  for (const [channel, topics] of Object.entries(OUTBOX_CHANNELS) as [
    OutboxChannel,
    readonly OutboxTopic[],
  ][]) {
    const { workers, batchSize } = WORKERS[channel];
    const channelLoops: JobLoop[] = [];
    const wakeOne = () => wakeForNewEntry(channelLoops);
    channelLoops.push(
      ...Array.from({ length: workers }, (_, worker) =>
        startLoop(
          `outbox-${channel}`,
          async () => {
            const result = await dispatchOutbox(ctx, OUTBOX_HANDLERS, topics, {
              concurrency: 1,
              batchSize,
              onOutcome: observer.onOutcome,
            });
            return {
              counts: { delivered: result.delivered, failed: result.failed },
              more: result.more,
              pauseMs: result.pauseMs,
            };
          },
          // A millisecond apart, so that idle workers do not all ask the database at the same instant.
          { idleMs: settings.outboxPollMs + worker, ...observed },
        ),
      ),
    );
    loops.push(...channelLoops);
    for (const topic of topics) outboxWakers.set(topic, { wakeOne, all: channelLoops });
  }
  return {
    outboxWritten(topic) {
      if (topic !== null) {
        outboxWakers.get(topic as OutboxTopic)?.wakeOne();
        return;
      }
      for (const loop of new Set([...outboxWakers.values()].flatMap((wakers) => wakers.all))) loop.wake();
    },
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
