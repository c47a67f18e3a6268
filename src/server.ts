import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAppContext } from './app/context.js';
import { findDemoAccounts, loadDemoData } from './app/demoData.js';
import { startImapPoller } from './channels/email/imapPoller.js';
import { startSmtpListener } from './channels/email/smtpListener.js';
import { createTelegramBot } from './channels/telegram/bot.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/database.js';
import { type Clock, systemClock } from './domain/calendar/clock.js';
import { buildHttpApp } from './http/app.js';
import { startJobs } from './jobs/scheduler.js';

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

/**
 * Opens and migrates the database, loads demo data in demo mode, and serves HTTP. In production
 * mode it loads nothing, and warns if any demo account (with its published password) is present.
 */
export async function startServer({
  config,
  logger,
  demo,
  clock = systemClock,
}: ServerOptions): Promise<RunningServer> {
  const database = await openDatabase(config.database, {
    onConnectionError: (error) =>
      logger.warn({ err: error }, 'a database connection broke; the pool replaces it'),
  });
  try {
    await database.migrate();
    const ctx = createAppContext(database.db, config, clock, logger);
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
    const app = await buildHttpApp({ ctx, database, config, logger });
    const bot = config.telegram
      ? createTelegramBot(ctx, logger, config.telegram, {
          portalUrl: config.publicUrl,
          supportEmail: config.mail.from,
        })
      : null;
    if (bot?.webhook) app.post('/telegram/webhook', { schema: { hide: true } }, bot.webhook);
    const address = await app.listen({ port: config.port, host: config.host });
    await bot?.start();
    const jobs = startJobs(ctx, logger, config.jobsIntervalMs);
    const { listen, imap } = config.mail;
    const listener = listen.enabled ? await startSmtpListener(ctx, logger, listen) : null;
    const poller = imap ? startImapPoller(ctx, logger, imap) : null;
    logger.info({ address, database: database.kind }, 'Supportdesk is listening');
    return {
      app,
      database,
      url: address,
      async stop() {
        await listener?.close();
        await poller?.stop();
        await bot?.stop();
        await app.close();
        await jobs.stop();
        ctx.mail.sender.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
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
