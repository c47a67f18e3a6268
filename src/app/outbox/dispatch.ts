import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.js';
import type { AppContext } from '../context.js';
import { InvalidOutboxPayload, type OutboxTopic, readPayload, type TopicPayload } from './topics.js';

export interface OutboxEntry<T extends OutboxTopic = OutboxTopic> {
  id: number;
  topic: T;
  payload: TopicPayload<T>;
  attempts: number;
  createdAt: Date;
}

export type OutboxHandler<T extends OutboxTopic> = (ctx: AppContext, entry: OutboxEntry<T>) => Promise<void>;
/** A sender that takes a whole batch at once; it must be idempotent for every entry, like the others. */
export interface BatchOutboxHandler<T extends OutboxTopic> {
  batch(ctx: AppContext, entries: OutboxEntry<T>[]): Promise<void>;
}
export type OutboxHandlers = { [T in OutboxTopic]: OutboxHandler<T> | BatchOutboxHandler<T> };

/** A peer asked the desk to wait (Telegram's 429 retry_after): not a failure, and the channel pauses. */
export class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** How often an entry is tried before it is set aside, unless a caller says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface DispatchOptions {
  batchSize?: number;
  /** How long a claim lasts unless renewed; it is renewed while its deliveries run. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Deliveries of one channel run side by side (a pooled SMTP connection each, say). */
  concurrency?: number;
  /** Told of every outcome, for the metrics. */
  onOutcome?: (topic: OutboxTopic, outcome: 'delivered' | 'retry' | 'failed', createdAt: Date) => void;
}

export interface DispatchResult {
  delivered: number;
  failed: number;
  /** The batch was full: more work is likely waiting. */
  more: boolean;
  /** The longest pause a peer asked for, in milliseconds; 0 when none did. */
  pauseMs: number;
}

/** A parenthesised list for `in`, of values the desk itself made (topic names, entry ids). */
const listOf = (values: readonly (string | number)[]) =>
  sql`(${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;

interface ClaimedRow {
  id: number | string;
  topic: string;
  payload: unknown;
  attempts: number;
  created_at: Date | string;
}

/**
 * Claims due entries of the given topics. An entry waits while an earlier one with its order key and
 * topic is still undelivered (pending, claimed or waiting to retry), so a ticket's notices reach a
 * person in the order they were written, also after an outage; entries of different keys go side by
 * side. FOR UPDATE SKIP LOCKED lets several instances claim at once without taking the same entry.
 */
async function claim(ctx: AppContext, topics: readonly OutboxTopic[], batchSize: number, leaseMs: number) {
  const now = ctx.clock.now();
  const token = randomUUID();
  const rows = await rowsOf<ClaimedRow>(
    ctx.db,
    sql`with due as (
      select o.id from outbox o
      where o.delivered_at is null and o.failed_at is null
        and o.topic in ${listOf(topics)}
        and o.available_at <= ${now.toISOString()}
        and (o.locked_until is null or o.locked_until <= ${now.toISOString()})
        and (o.order_key is null or not exists (
          select 1 from outbox earlier
          where earlier.topic = o.topic and earlier.order_key = o.order_key and earlier.id < o.id
            and earlier.delivered_at is null and earlier.failed_at is null))
      -- By topic, then age: the pending index gives this order, so a claim never walks delivered rows.
      order by o.topic, o.id
      limit ${batchSize}
      for update skip locked)
    update outbox set locked_until = ${new Date(now.getTime() + leaseMs).toISOString()},
      claimed_by = ${token}, attempts = outbox.attempts + 1
    from due where outbox.id = due.id
    returning outbox.id, outbox.topic, outbox.payload, outbox.attempts, outbox.created_at`,
  );
  return { token, rows: rows.sort((a, b) => Number(a.id) - Number(b.id)) };
}

/** Keeps a claim alive while its deliveries run, so a slow peer never lets another instance take them. */
function keepClaimed(ctx: AppContext, token: string, leaseMs: number, pending: Set<number>) {
  const timer = setInterval(() => {
    if (pending.size === 0) return;
    const until = new Date(ctx.clock.now().getTime() + leaseMs).toISOString();
    ctx.db
      .execute(
        sql`update outbox set locked_until = ${until}
          where claimed_by = ${token} and delivered_at is null and id in ${listOf([...pending])}`,
      )
      .catch(() => {
        // The database is away: the claim may lapse, and the senders' keys keep a redelivery harmless.
      });
  }, leaseMs / 3);
  timer.unref();
  return () => clearInterval(timer);
}

async function runLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 2000);

/**
 * Delivers one batch of due entries of one channel's topics. Every sender is idempotent by the
 * entry's id (a redelivery after a crash sends nothing twice); a failure is retried with growing
 * pauses and set aside after `maxAttempts`; a payload that does not fit its schema is set aside at once.
 */
export async function dispatchOutbox(
  ctx: AppContext,
  handlers: OutboxHandlers,
  topics: readonly OutboxTopic[],
  options: DispatchOptions = {},
): Promise<DispatchResult> {
  const {
    batchSize = 100,
    leaseMs = 30_000,
    maxAttempts = DEFAULT_MAX_ATTEMPTS,
    concurrency = 8,
    onOutcome,
  } = options;
  const { token, rows } = await claim(ctx, topics, batchSize, leaseMs);
  const pending = new Set(rows.map((row) => Number(row.id)));
  const release = keepClaimed(ctx, token, leaseMs, pending);
  const delivered: number[] = [];
  let failed = 0;
  let pauseMs = 0;
  let markedCount = 0;
  // Entries of one order key never share a batch (the claim holds back the later ones), so the
  // deliveries of a batch may run side by side.
  const fail = async (row: ClaimedRow, error: unknown) => {
    const id = Number(row.id);
    const topic = row.topic as OutboxTopic;
    const now = ctx.clock.now();
    const asked = error instanceof RetryLater ? error.delayMs : 0;
    pauseMs = Math.max(pauseMs, asked);
    const permanent = error instanceof InvalidOutboxPayload || !(topic in handlers);
    const giveUp = permanent || (asked === 0 && row.attempts >= maxAttempts);
    const retryIn = asked || Math.min(2 ** row.attempts * 15_000, 6 * 3_600_000);
    if (asked === 0) failed += 1;
    onOutcome?.(topic, giveUp ? 'failed' : 'retry', new Date(row.created_at));
    await ctx.db.execute(
      sql`update outbox set locked_until = null, claimed_by = null, last_error = ${errorText(error)},
        available_at = ${new Date(now.getTime() + retryIn).toISOString()},
        attempts = outbox.attempts - ${asked > 0 ? 1 : 0},
        failed_at = ${giveUp ? now.toISOString() : null}
      where id = ${id} and claimed_by = ${token}`,
    );
    pending.delete(id);
  };
  const entryOf = (row: ClaimedRow): OutboxEntry => {
    const topic = row.topic as OutboxTopic;
    const createdAt = new Date(row.created_at);
    return {
      id: Number(row.id),
      topic,
      attempts: row.attempts,
      createdAt,
      payload: readPayload(topic, row.payload),
    };
  };
  const succeed = (entry: OutboxEntry) => {
    delivered.push(entry.id);
    onOutcome?.(entry.topic, 'delivered', entry.createdAt);
  };
  try {
    const single: ClaimedRow[] = [];
    const batched = new Map<OutboxTopic, { row: ClaimedRow; entry: OutboxEntry }[]>();
    for (const row of rows) {
      const handler = handlers[row.topic as OutboxTopic];
      if (typeof handler !== 'object') {
        single.push(row);
        continue;
      }
      try {
        const entry = entryOf(row);
        batched.set(entry.topic, [...(batched.get(entry.topic) ?? []), { row, entry }]);
      } catch (error) {
        await fail(row, error);
      }
    }
    // A batch sender takes its entries in one call (one statement for the desk's own list).
    for (const [topic, group] of batched) {
      try {
        await (handlers[topic] as BatchOutboxHandler<OutboxTopic>).batch(
          ctx,
          group.map((item) => item.entry),
        );
        for (const item of group) succeed(item.entry);
      } catch (error) {
        for (const item of group) await fail(item.row, error);
      }
    }
    await runLimited(single, concurrency, async (row) => {
      try {
        const entry = entryOf(row);
        await (handlers[entry.topic] as OutboxHandler<OutboxTopic>)(ctx, entry);
        succeed(entry);
      } catch (error) {
        await fail(row, error);
      }
    });
  } finally {
    // Delivered entries stay claimed (and renewed) until this mark, so nobody takes them meanwhile.
    try {
      if (delivered.length > 0) {
        const marked = await rowsOf<{ id: number }>(
          ctx.db,
          sql`update outbox set delivered_at = ${ctx.clock.now().toISOString()}, locked_until = null,
            last_error = null
          where claimed_by = ${token} and id in ${listOf(delivered)} returning id`,
        );
        markedCount = marked.length;
      }
    } finally {
      release();
    }
  }
  return { delivered: markedCount, failed, more: rows.length === batchSize, pauseMs };
}
