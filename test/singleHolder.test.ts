import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.js';
import { holdOnOneInstance } from '../src/jobs/singleHolder.js';
import { createPostgresDatabase } from './support/databases.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const LOCK = 4_242_001;
const RETRY_MS = 100;
const silent = pino({ level: 'silent' });

async function until(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A part that counts how many instances run it at once. */
function countingPart(running: { now: number; most: number; starts: number }) {
  return {
    name: 'mailbox',
    start: async () => {
      running.now += 1;
      running.starts += 1;
      running.most = Math.max(running.most, running.now);
      return async () => {
        running.now -= 1;
      };
    },
  };
}

/** The mailbox poller and Telegram polling run on one instance at a time, taken over when it dies. */
describe.each(serverUrl ? [serverUrl] : [])('a part held by one instance, on PostgreSQL', (url) => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handles: DatabaseHandle[];

  beforeAll(async () => {
    database = await createPostgresDatabase(url);
    handles = await Promise.all(
      [0, 1, 2].map(() => openDatabase({ kind: 'postgres', url: database.url, poolSize: 2 })),
    );
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await database?.drop();
  });

  it('runs on one of three instances, and on another once the holder stops', async () => {
    const running = { now: 0, most: 0, starts: 0 };
    const holders = handles.map((handle) =>
      holdOnOneInstance(handle, LOCK, countingPart(running), silent, RETRY_MS),
    );
    await until(() => running.now === 1);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 5));
    expect(running.most).toBe(1);
    const holder = holders.findIndex((candidate) => candidate.holding());
    await holders[holder]?.stop();
    await until(() => running.now === 1 && running.starts === 2);
    expect(running.most).toBe(1);
    for (const candidate of holders) await candidate.stop();
    expect(running.now).toBe(0);
  });

  it('is taken over when the holding connection dies, as when its instance is killed', async () => {
    const running = { now: 0, most: 0, starts: 0 };
    const holders = handles
      .slice(0, 2)
      .map((handle) => holdOnOneInstance(handle, LOCK + 1, countingPart(running), silent, RETRY_MS));
    await until(() => running.now === 1);
    // The server ends the session that holds the lock, as it does when the process holding it dies.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(
      `select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = $1 and granted`,
      [LOCK + 1],
    );
    await admin.end();
    await until(() => running.starts >= 2 && running.now === 1);
    expect(running.most).toBe(1);
    for (const candidate of holders) await candidate.stop();
  });
});
