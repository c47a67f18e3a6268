import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis connection the request limits are counted in when several instances serve the desk, so
 * that N instances allow the limit once, not N times. Short timeouts: a command waits at most a second
 * (also while the connection is being made), and a limit that cannot be counted is skipped (and logged)
 * rather than holding the request.
 */
export function connectLimitStore(url: string, logger: Pick<Logger, 'warn'>): Redis {
  const client = new Redis(url, {
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  // The error, never the URL: it may carry the password.
  client.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'Redis unavailable'));
  return client;
}
