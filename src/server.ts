import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { syncDirectoryStaff } from './app/accounts/staffDirectory.js';
import { findDemoAccounts, loadDemoData } from './app/demo/demoData.js';
import { outboxStats } from './app/outbox/deliveryLog.js';
import { startImapPoller } from './channels/email/imapPoller.js';
import { startSmtpListener } from './channels/email/smtpListener.js';
import { retryPendingMail } from './channels/email/storedMailRetry.js';
import { createTelegramBot } from './channels/telegram/bot.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { type Clock, systemClock } from './domain/calendar/clock.js';
import { buildHealthApp, buildHttpApp } from './http/app.js';
import { connectLimitStore } from './http/sharedLimits.js';
import { atMostEvery } from './jobs/atMostEvery.js';
import { startJobs } from './jobs/scheduler.js';
import { holdOnOneInstance } from './jobs/singleHolder.js';
import { createMetrics } from './metrics.js';
import { createAppContext } from './wiring.js';

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  config: Config;
  logger: Logger;
  demo: boolean;
  clock?: Clock;
}

/** The database channel on which every write to the outbox is announced (a trigger on the table). */
const OUTBOX_CHANNEL = 'supportdesk_outbox';

/** Advisory lock keys: any numbers, the same on every instance. */
const IMAP_POLLING_LOCK = 7_340_155_022;
const TELEGRAM_POLLING_LOCK = 7_340_155_023;

/**
 * Opens and migrates the database, loads demo data in demo mode, and serves HTTP, mail and the bot.
 * In production mode it loads nothing, and warns if any demo account (with its published password)
 * is present. A part that fails to start (a port in use, a database that refuses) stops the parts
 * already started and the error goes to the caller: the desk runs whole or not at all.
 */
export async function startServer({
  config,
  logger,
  demo,
  clock = systemClock,
}: ServerOptions): Promise<RunningServer> {
  // Stopped in reverse order of starting, on a failed start and on shutdown alike.
  const started: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of started.splice(0).reverse()) {
      try {
        await stop();
      } catch (error) {
        logger.warn({ err: error }, 'a part of the desk did not stop cleanly');
      }
    }
  };
  try {
    const database = await openDatabase(config.database, {
      onConnectionError: (error) =>
        logger.warn({ err: error }, 'a database connection broke; the pool replaces it'),
    });
    started.push(() => database.close());
    await database.migrate();
    const ctx = createAppContext(database.db, config, clock, logger);
    started.push(() => ctx.mail.sender.close());
    // Build the working calendar now: a broken calendar stops the start rather than the first request.
    await ctx.sla.load(ctx.db);
    if (demo) {
      const loaded = await loadDemoData(ctx);
      logger.info({ loaded }, loaded ? 'demo data loaded' : 'database not empty: demo data left as it is');
    } else {
      const demoAccounts = await findDemoAccounts(ctx);
      if (demoAccounts.length > 0) {
        logger.warn(
          { accounts: demoAccounts },
          'demo accounts with published passwords exist in this database; deactivate them before going live',
        );
      }
    }
    let imapConnected: () => boolean | null = () => null;
    const metrics = createMetrics({
      outbox: () => outboxStats(ctx),
      imapConnected: () => imapConnected(),
      now: () => clock.now(),
    });
    const limitStore = config.redisUrl ? connectLimitStore(config.redisUrl, logger) : null;
    if (limitStore)
      started.push(async () => void (await limitStore.quit().catch(() => limitStore.disconnect())));
    const serves = config.role !== 'worker';
    const works = config.role !== 'web';
    const app = serves
      ? await buildHttpApp({ ctx, database, config, logger, metrics, limitStore })
      : await buildHealthApp({ database, config, logger, metrics });
    started.push(() => app.close());
    const bot = config.telegram
      ? createTelegramBot(ctx, logger, config.telegram, {
          portalUrl: config.publicUrl,
          supportEmail: config.mail.from,
        })
      : null;
    if (serves && bot?.webhook) app.post('/telegram/webhook', { schema: { hide: true } }, bot.webhook);
    const address = await app.listen({ port: config.port, host: config.host });
    const { listen, imap } = config.mail;
    if (serves && listen.enabled) {
      const listener = await startSmtpListener(ctx, logger, listen);
      started.push(() => listener.close());
    }
    if (bot) {
      await bot.prepare();
      started.push(() => bot.stop());
    }
    if (works) {
      const jobs = startJobs(
        ctx,
        logger,
        {
          intervalMs: config.jobsIntervalMs,
          outboxPollMs: config.outboxPollMs,
          outboxRetentionMs: config.outboxRetentionMs,
        },
        {
          onPass: metrics.jobPass,
          onCounts: metrics.jobCounts,
          onOutcome: (topic, outcome, createdAt) => metrics.delivery(topic, outcome, createdAt, clock.now()),
        },
        [
          { name: 'mail-retry', run: () => retryPendingMail(ctx) },
          ...(ctx.directory
            ? [
                {
                  name: 'directory-sync',
                  run: atMostEvery(ctx.directory.syncIntervalMs, () => syncDirectoryStaff(ctx)),
                },
              ]
            : []),
          ...(bot
            ? [
                { name: 'telegram-retry', run: () => bot.retryPending() },
                { name: 'telegram-drafts', run: () => bot.offerDrafts() },
              ]
            : []),
        ],
      );
      started.push(() => jobs.stop());
      const unlisten = await database.listen(OUTBOX_CHANNEL, jobs.outboxWritten);
      started.push(unlisten);
      // One mailbox, one Telegram getUpdates stream: each is polled by one instance at a time.
      if (imap) {
        const holder = holdOnOneInstance(
          database,
          IMAP_POLLING_LOCK,
          {
            name: 'imap-poller',
            start: async () => {
              const poller = startImapPoller(ctx, logger, imap);
              imapConnected = poller.connected;
              return () => poller.stop();
            },
          },
          logger,
        );
        started.push(() => holder.stop());
      }
      if (bot && !bot.takesWebhook) {
        const holder = holdOnOneInstance(
          database,
          TELEGRAM_POLLING_LOCK,
          {
            name: 'telegram-polling',
            start: async () => {
              await bot.startPolling();
              return () => bot.stop();
            },
          },
          logger,
        );
        started.push(() => holder.stop());
      }
    }
    logger.info({ address, database: database.kind }, 'Supportdesk is listening');
    return { app, database, url: address, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Stops taking connections on SIGTERM or SIGINT, lets requests in flight finish, then closes the database. */
export function stopGracefully(server: RunningServer, logger: Logger, timeoutMs: number): void {
  closeWithGrace({ delay: timeoutMs }, async ({ signal, err }) => {
    if (err) logger.error({ err }, 'stopping after an unexpected error');
    else logger.info({ signal }, 'stopping');
    await server.stop();
    logger.info('stopped');
  });
}
