import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { listenWithReconnect, type NotificationListener, unnamedStatements } from './pgConnections.js';

export type { NotificationListener };

import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema>;
/** What a repository runs its queries on: the database itself or an open transaction. */
export type Queryable = Database | Transaction;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | {
      kind: 'postgres';
      url: string;
      poolSize?: number;
      /** How long to wait for a connection before the request fails (database_unavailable). */
      connectTimeoutMs?: number;
      /** The longest a statement may run; the client gives up a little later if the server froze. */
      statementTimeoutMs?: number;
      /**
       * Named prepared statements; off behind a pooler in transaction mode that cannot keep them
       * (PgBouncer before 1.21), where a statement would meet a server connection that never saw it.
       */
      preparedStatements?: boolean;
      /**
       * A direct connection for what needs a session of its own (LISTEN, advisory locks, migrations),
       * when `url` goes through a transaction pooler; `url` itself otherwise.
       */
      sessionUrl?: string;
    };

/** Told of a notification on a channel; null after a broken listening connection came back (catch up). */

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseTarget['kind'];
  migrate(): Promise<void>;
  /** Applied migrations against the ones this build ships; ready only when they match. */
  migrationState(): Promise<{ applied: number; expected: number }>;
  /** Listens to NOTIFY on a channel (a dedicated connection on PostgreSQL, in-process on PGlite). */
  listen(channel: string, onNotify: NotificationListener): Promise<() => Promise<void>>;
  /**
   * Takes a session advisory lock on a connection of its own, held until released or until that
   * connection drops (the holder died, the server restarted): `lost` then tells the holder. Null when
   * another session holds it. On PGlite, one process holds the database, so the lock is always had.
   */
  tryLock(key: number): Promise<HeldLock | null>;
  close(): Promise<void>;
}

export interface HeldLock {
  /** Resolves when the lock is lost without being released. */
  lost: Promise<void>;
  release(): Promise<void>;
}

/** Works from src/db (tsx, tests) and from dist/db (the built server) alike. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export interface DatabaseOptions {
  /**
   * Told when an idle pooled connection breaks (the server restarted, an administrator ended it).
   * The pool drops such a connection and opens a new one when needed; the process goes on.
   */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: DatabaseOptions = {},
): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') return openPglite(target.dataDir);
  return openPostgres(target, options.onConnectionError ?? (() => {}));
}

/** The embedded database's folder is already open in another live process. */
export class DatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the embedded database in ${dataDir} is in use by process ${pid}`);
    this.name = 'DatabaseInUseError';
  }
}

/**
 * PGlite is a whole PostgreSQL inside this process: two processes on one folder would corrupt it.
 * A lock file with the owner's pid keeps a second one out; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, '.supportdesk.lock');
  for (;;) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockFile, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DatabaseInUseError(dataDir, owner);
      }
      rmSync(lockFile, { force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  try {
    // pg_trgm is the one extension the desk's migrations create (search by parts of words and numbers).
    const extensions = { pg_trgm };
    const client = dataDir === null ? new PGlite({ extensions }) : new PGlite(dataDir, { extensions });
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    return handle(db as unknown as Database, 'pglite', {
      migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      async listen(channel, onNotify) {
        const stop = await client.listen(channel, onNotify);
        return async () => {
          if (!client.closed) await stop();
        };
      },
      async tryLock() {
        return { lost: new Promise<void>(() => {}), release: async () => {} };
      },
      async close() {
        try {
          await client.close();
        } finally {
          unlock();
        }
      },
    });
  } catch (error) {
    unlock();
    throw error;
  }
}

/** Any number will do, as long as every instance uses the same: it names the migration lock. */
export const MIGRATION_LOCK = 7_340_155_021;

async function openPostgres(
  target: Extract<DatabaseTarget, { kind: 'postgres' }>,
  onConnectionError: (error: Error) => void,
): Promise<DatabaseHandle> {
  const connectTimeoutMs = target.connectTimeoutMs ?? 5_000;
  const statementTimeoutMs = target.statementTimeoutMs ?? 30_000;
  const settings = {
    connectionString: target.url,
    connectionTimeoutMillis: connectTimeoutMs,
    statement_timeout: statementTimeoutMs,
    // A frozen server never cancels the statement itself: the client stops waiting a little later.
    query_timeout: statementTimeoutMs + 2_000,
    keepAlive: true,
  };
  const sessionSettings = { ...settings, connectionString: target.sessionUrl ?? target.url };
  const pool = new pg.Pool({ ...settings, max: target.poolSize ?? 10 });
  pool.on('error', onConnectionError);
  if (target.preparedStatements === false) pool.on('connect', unnamedStatements);
  const db = drizzleNodePg(pool, { schema });
  const listeners = new Set<() => void>();
  return handle(db as unknown as Database, 'postgres', {
    /**
     * Under an advisory lock: instances started together take turns, and the second finds the
     * migrations applied instead of failing on a half-created type.
     */
    async migrate() {
      // On the session connection: the lock must hold for the whole run, on one server connection.
      // Without the statement timeout: an index built over millions of rows, or the wait for another
      // instance building it, takes as long as the data needs, and a cancelled migration blocks the start.
      const direct = new pg.Pool({
        ...sessionSettings,
        max: 1,
        statement_timeout: undefined,
        query_timeout: undefined,
      });
      const lock = await direct.connect();
      try {
        await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrateNodePg(drizzleNodePg(lock, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
        lock.release();
        await direct.end();
      }
    },
    async listen(channel, onNotify) {
      const stop = listenWithReconnect(sessionSettings, channel, onNotify, onConnectionError);
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        stop();
      };
    },
    async tryLock(key) {
      const holder = new pg.Client({
        ...sessionSettings,
        query_timeout: undefined,
        statement_timeout: undefined,
      });
      let released = false;
      const lost = new Promise<void>((resolve) => {
        holder.on('error', (error) => {
          if (!released) onConnectionError(error);
          resolve();
        });
        holder.on('end', () => resolve());
      });
      await holder.connect();
      const result = await holder.query<{ held: boolean }>('select pg_try_advisory_lock($1) as held', [key]);
      if (!result.rows[0]?.held) {
        released = true;
        await holder.end();
        return null;
      }
      return {
        lost: lost.then(() => {
          if (released) return new Promise<void>(() => {});
        }),
        async release() {
          released = true;
          await holder.end().catch(() => {});
        },
      };
    },
    async close() {
      for (const stop of listeners) stop();
      await pool.end();
    },
  });
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
/** SQLSTATE classes and codes that mean the server is away, not that the statement is wrong. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended|not queryable/i;

/** Whether a failure means the database cannot be reached now (the caller may retry), as opposed to a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))
    )
      return true;
    if (UNAVAILABLE_MESSAGES.test(current.message)) return true;
  }
  return false;
}

/**
 * A statement built and prepared once per database handle, for the busiest paths: the SQL is not
 * rebuilt on every call, and PostgreSQL parses and plans it once per connection.
 */
export function preparedStatement<Statement>(
  build: (db: Queryable) => Statement,
): (db: Queryable) => Statement {
  const prepared = new WeakMap<Queryable, Statement>();
  return (db) => {
    let statement = prepared.get(db);
    if (!statement) {
      statement = build(db);
      prepared.set(db, statement);
    }
    return statement;
  };
}

/** Both drivers answer raw SQL with an object carrying `rows`. */
export async function rowsOf<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as { rows: Row[] };
  return result.rows;
}

function handle(
  db: Database,
  kind: DatabaseTarget['kind'],
  driver: Pick<DatabaseHandle, 'migrate' | 'listen' | 'tryLock' | 'close'>,
): DatabaseHandle {
  let closed = false;
  return {
    db,
    kind,
    migrate: driver.migrate,
    listen: driver.listen,
    tryLock: driver.tryLock,
    async migrationState() {
      const expected = expectedMigrationCount();
      const table = await rowsOf<{ present: boolean }>(
        db,
        sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
      );
      if (!table[0]?.present) return { applied: 0, expected };
      const applied = await rowsOf<{ count: number }>(
        db,
        sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
      );
      return { applied: Number(applied[0]?.count ?? 0), expected };
    },
    async close() {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
