import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxTopicStats } from './app/outbox/deliveryLog.js';
import { OUTBOX_TOPICS } from './app/outbox/topics.js';

export interface DeskMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  /** A job pass finished: how long it took and whether it failed. */
  jobPass(job: string, seconds: number, ok: boolean): void;
  /** A job pass counted things (sla-watch: breached). */
  jobCounts(job: string, counts: Record<string, number>): void;
  /** An outbox delivery ended one way or another. */
  delivery(topic: string, outcome: 'delivered' | 'retry' | 'failed', createdAt: Date, now: Date): void;
}

export interface MetricSources {
  /** The outbox's waiting and failed entries per topic, read when /metrics is scraped. */
  outbox(): Promise<OutboxTopicStats[]>;
  /** Whether the IMAP poller holds its mailbox; null when the desk polls none. */
  imapConnected(): boolean | null;
  now(): Date;
}

/**
 * What an operator alerts on: HTTP latency, outbox backlog and age, failed deliveries, deliveries per
 * second, job pass durations, the IMAP connection, SLA breaches. One registry per server, so that tests
 * (and several servers in one process) never collide.
 */
export function createMetrics(sources?: MetricSources): DeskMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'supportdesk_' });
  const requestDuration = new Histogram({
    name: 'supportdesk_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const jobDuration = new Histogram({
    name: 'supportdesk_job_pass_duration_seconds',
    help: 'Duration of one pass of a background job',
    labelNames: ['job', 'result'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
    registers,
  });
  const breaches = new Counter({
    name: 'supportdesk_sla_breaches_total',
    help: 'Response deadlines recorded as breached by the SLA watch',
    registers,
  });
  const deliveries = new Counter({
    name: 'supportdesk_outbox_deliveries_total',
    help: 'Outbox deliveries by topic and outcome (delivered, retry, failed)',
    labelNames: ['topic', 'outcome'],
    registers,
  });
  const deliveryDelay = new Histogram({
    name: 'supportdesk_outbox_delivery_delay_seconds',
    help: 'Time from writing an outbox entry to its delivery',
    labelNames: ['topic'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600],
    registers,
  });
  if (sources) {
    let stats: Promise<OutboxTopicStats[]> | null = null;
    // The three outbox gauges share one query per scrape.
    const outboxStats = () => {
      stats ??= sources.outbox().finally(() => setTimeout(() => (stats = null), 0));
      return stats;
    };
    // Every topic is reported, with 0 when nothing waits: an alert needs the series to exist.
    const perTopic = (name: string, help: string, count: (row: OutboxTopicStats) => number) =>
      new Gauge({
        name,
        help,
        labelNames: ['topic'],
        registers,
        async collect() {
          this.reset();
          const rows = await outboxStats();
          for (const topic of Object.keys(OUTBOX_TOPICS)) {
            const row = rows.find((candidate) => candidate.topic === topic);
            this.set({ topic }, row ? count(row) : 0);
          }
        },
      });
    perTopic(
      'supportdesk_outbox_pending',
      'Outbox entries waiting for delivery, by topic',
      (row) => row.pending,
    );
    perTopic(
      'supportdesk_outbox_failed',
      'Outbox entries the desk gave up on, by topic (an administrator can retry them)',
      (row) => row.failed,
    );
    new Gauge({
      name: 'supportdesk_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest outbox entry waiting for delivery, by topic',
      labelNames: ['topic'],
      registers,
      async collect() {
        this.reset();
        const now = sources.now().getTime();
        for (const row of await outboxStats())
          if (row.oldestPendingAt)
            this.set({ topic: row.topic }, (now - row.oldestPendingAt.getTime()) / 1000);
      },
    });
    new Gauge({
      name: 'supportdesk_imap_connected',
      help: '1 while the IMAP poller holds its mailbox, 0 while it does not (absent without IMAP_URL)',
      registers,
      collect() {
        this.reset();
        const connected = sources.imapConnected();
        if (connected !== null) this.set(connected ? 1 : 0);
      },
    });
  }
  return {
    registry,
    requestDuration,
    jobPass(job, seconds, ok) {
      jobDuration.observe({ job, result: ok ? 'ok' : 'failed' }, seconds);
    },
    jobCounts(job, counts) {
      if (job === 'sla-watch' && counts.breached) breaches.inc(counts.breached);
    },
    delivery(topic, outcome, createdAt, now) {
      deliveries.inc({ topic, outcome });
      if (outcome === 'delivered')
        deliveryDelay.observe({ topic }, Math.max(0, now.getTime() - createdAt.getTime()) / 1000);
    },
  };
}
