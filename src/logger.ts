import { DrizzleQueryError } from 'drizzle-orm';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * A failed query carries its SQL and its parameters (a contact's words, a token digest): the log keeps
 * the driver's error and the statement's text, never the values.
 */
export function withoutQueryParameters(error: unknown): unknown {
  if (!(error instanceof DrizzleQueryError)) return error;
  const cause = error.cause ?? new Error('query failed');
  const code = (cause as { code?: unknown }).code;
  return Object.assign(new Error(cause.message), {
    name: cause.name,
    ...(code === undefined ? {} : { code }),
    query: error.query.replace(/\s+/g, ' ').slice(0, 500),
    stack: cause.stack,
  });
}

/** How errors are written to the log: as pino writes them, less the parameters of a failed query. */
export const logSerializers = {
  err: (error: Error) => pino.stdSerializers.err(withoutQueryParameters(error) as Error),
};

/** JSON logs for operators; credentials never reach them, even if a future log line includes headers. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'supportdesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: logSerializers,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.passwordHash',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}
