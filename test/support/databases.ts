import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';

export interface DatabaseBackend {
  name: 'pglite' | 'postgres';
  /** A new, empty database of its own, so that test files never see each other's rows. */
  open(): Promise<DatabaseHandle>;
}

const pglite: DatabaseBackend = {
  name: 'pglite',
  open: () => openDatabase({ kind: 'pglite', dataDir: null }),
};

/** A new database on the server named by `serverUrl`, dropped (with its connections) when done. */
export async function createPostgresDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `supportdesk_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

function postgres(serverUrl: string): DatabaseBackend {
  return {
    name: 'postgres',
    async open() {
      const created = await createPostgresDatabase(serverUrl);
      const handle = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 5 });
      return {
        ...handle,
        async close() {
          await handle.close();
          await created.drop();
        },
      };
    },
  };
}

/** PGlite always; a real PostgreSQL server too when TEST_DATABASE_URL names one. */
export const databaseBackends: DatabaseBackend[] = [
  pglite,
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
];
