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

function postgres(serverUrl: string): DatabaseBackend {
  return {
    name: 'postgres',
    async open() {
      const name = `supportdesk_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`create database ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
      return {
        ...handle,
        async close() {
          await handle.close();
          const dropper = new pg.Client({ connectionString: serverUrl });
          await dropper.connect();
          try {
            await dropper.query(`drop database if exists ${name} with (force)`);
          } finally {
            await dropper.end();
          }
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
