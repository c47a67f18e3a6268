import pino from 'pino';
import { ZodError } from 'zod';
import type { AppContext } from '../app/context.js';
import type { Actor } from '../app/shared/actor.js';
import { AppError } from '../app/shared/errors.js';
import { ConfigError, loadConfig } from '../config.js';
import {
  type DatabaseHandle,
  DatabaseInUseError,
  isDatabaseUnavailable,
  openDatabase,
} from '../db/database.js';
import { systemClock } from '../domain/calendar/clock.js';
import { CalendarRangeError } from '../domain/calendar/intervalClock.js';
import type { Language } from '../domain/people.js';
import { translator } from '../i18n/translator.js';
import { describeZodError } from '../i18n/validation.js';
import { withoutQueryParameters } from '../logger.js';
import { createAppContext } from '../wiring.js';

/** What the command line does as: the desk itself, on an operator's behalf. */
export const cliActor: Actor = { type: 'system', name: 'cli' };

export const out = (text: string) => process.stdout.write(`${text}\n`);

/** The operator's language, from the locale the shell runs in. */
export const language: Language = /^ru/i.test(
  process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '',
)
  ? 'ru'
  : 'en';

/** Opens (and migrates) the configured database, runs the work with a full use-case context, closes. */
export async function withContext<T>(
  work: (ctx: AppContext, database: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    const warnings = pino({ level: 'warn' }, pino.destination(2));
    const ctx = createAppContext(database.db, config, systemClock, warnings);
    return await work(ctx, database);
  } finally {
    await database.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A failure as the operator should read it: the field and what is wrong, in their language. */
export function describeFailure(error: unknown): string {
  const t = translator(language);
  if (error instanceof ConfigError) return error.message;
  if (error instanceof AppError) {
    const text = t(`errors.${error.code}`, error.params);
    return error.field ? `${error.field}: ${text}` : text;
  }
  if (error instanceof CalendarRangeError) return t('errors.calendar_year_missing', { year: error.year });
  if (error instanceof DatabaseInUseError) {
    return t('errors.database_in_use', { dataDir: error.dataDir, pid: error.pid });
  }
  if (error instanceof ZodError) {
    return describeZodError(error, language)
      .map((issue) => `${issue.field}: ${issue.message}`)
      .join('\n');
  }
  const operatorError = describeOperatorError(error);
  if (operatorError) return operatorError;
  // A fault of the desk itself: its message on one line, the trace only when asked for.
  if (!(error instanceof Error)) return String(error);
  return process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace'
    ? (error.stack ?? error.message)
    : `${error.message.split('\n')[0]} (LOG_LEVEL=debug shows where)`;
}

/** Why the machine around the desk refused it (a port, the database, the disk), in a line the operator acts on. */
function describeOperatorError(error: unknown): string | null {
  const t = translator(language);
  const failure = (withoutQueryParameters(error) ?? error) as NodeJS.ErrnoException & {
    port?: number;
    address?: string;
    path?: string;
  };
  if (!(failure instanceof Error)) return null;
  if (failure.code === 'EADDRINUSE' || (failure.code === 'EACCES' && failure.port !== undefined)) {
    const what = failure.port === loadedPorts().smtp ? 'SMTP_LISTEN_PORT' : 'PORT';
    return t('errors.port_in_use', { port: failure.port ?? '?', host: failure.address ?? '?', what });
  }
  if (['ENOSPC', 'EACCES', 'EROFS', 'EPERM'].includes(failure.code ?? '') && failure.path)
    return t('errors.path_not_writable', { path: failure.path, reason: failure.code ?? failure.message });
  const sqlState = typeof failure.code === 'string' ? failure.code : '';
  if (isDatabaseUnavailable(error) || ['28P01', '28000', '3D000', '42501'].includes(sqlState))
    return t('errors.database_refused', { reason: failure.message.split('\n')[0] ?? '' });
  return null;
}

function loadedPorts(): { smtp: number | null } {
  try {
    return { smtp: loadConfig().mail.listen.port };
  } catch {
    return { smtp: null };
  }
}
