import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema>;
/** What a repository runs its queries on: the database itself or an open transaction. */
export type Queryable = Database | Transaction;

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir: string | null }
  | { kind: 'postgres'; url: string; poolSize?: number };

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: DatabaseTarget['kind'];
  migrate(): Promise<void>;
  /** Applied migrations against the ones this build ships; ready only when they match. */
  migrationState(): Promise<{ applied: number; expected: number }>;
  close(): Promise<void>;
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
  return openPostgres(target.url, target.poolSize ?? 10, options.onConnectionError ?? (() => {}));
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
    const client = dataDir === null ? new PGlite() : new PGlite(dataDir);
    await client.waitReady;
    const db = drizzlePglite(client, { schema });
    return handle(db as unknown as Database, 'pglite', {
      migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
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

async function openPostgres(
  url: string,
  poolSize: number,
  onConnectionError: (error: Error) => void,
): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', onConnectionError);
  const db = drizzleNodePg(pool, { schema });
  return handle(db as unknown as Database, 'postgres', {
    migrate: () => migrateNodePg(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => pool.end(),
  });
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
  driver: { migrate(): Promise<void>; close(): Promise<void> },
): DatabaseHandle {
  let closed = false;
  return {
    db,
    kind,
    migrate: driver.migrate,
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
