import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** JSON logs for operators; credentials never reach them, even if a future log line includes headers. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({
    level,
    base: { service: 'supportdesk' },
    timestamp: pino.stdTimeFunctions.isoTime,
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
