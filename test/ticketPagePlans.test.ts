import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../src/db/database.js';
import { openDatabase } from '../src/db/database.js';
import { createPostgresDatabase, type DatabaseBackend } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

/**
 * Opening a request must not read a whole table that grows with the requests: at a million requests
 * one such read costs more than the rest of the page. The desk runs on one connection with sequential
 * scans priced out, so a sequential scan that still happens is a query with no index path at all; the
 * tables' scan counters say which. A plan is checked, never a timing.
 */
const GROWING_TABLES = [
  'tickets',
  'ticket_messages',
  'attachments',
  'audit_events',
  'remote_sessions',
  'ticket_tags',
  'satisfaction_surveys',
  'worklog_entries',
  'notifications',
  'sessions',
  'sla_breaches',
  'organizations',
  'contacts',
  'instances',
  'licenses',
  'certificates',
  'certificate_instances',
];

const backends: DatabaseBackend[] = [
  {
    name: 'pglite',
    async open() {
      const handle = await openDatabase({ kind: 'pglite', dataDir: null });
      await handle.db.execute(sql`set enable_seqscan = off`);
      return handle;
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          async open() {
            const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL ?? '');
            const url = new URL(created.url);
            url.searchParams.set('options', '-c enable_seqscan=off');
            const handle = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
            return {
              ...handle,
              async close() {
                await handle.close();
                await created.drop();
              },
            };
          },
        },
      ]
    : []),
];

/** How many times each table was read whole, as the one connection has counted so far. */
async function wholeReads(db: Queryable): Promise<Map<string, number>> {
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const result = await db.execute(
    sql`select relname as "table", seq_scan as "reads" from pg_stat_user_tables`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    table: string;
    reads: number | string;
  }[];
  return new Map(rows.map((row) => [row.table, Number(row.reads)]));
}

describe.each(backends)('opening a request reads no growing table whole ($name)', (backend) => {
  let desk: TestDesk;
  let agent: Caller;
  let anna: Caller;
  let ticket: { id: string; number: string };

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    ticket = await fileOnBaltlog(anna, world, 'Журнал не пишется после обновления');
    const replied = await agent('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: 'Пришлите, пожалуйста, журнал за вчера.',
    });
    expect(replied.statusCode, replied.body).toBe(201);
  });
  afterAll(() => desk?.close());

  const pages = (id: string, number: string) => ({
    support: [
      `/api/v1/ticket-numbers/${number}`,
      `/api/v1/tickets/${id}`,
      `/api/v1/tickets/${id}/context`,
      `/api/v1/tickets/${id}/worklog`,
    ],
    customer: [`/api/v1/ticket-numbers/${number}`, `/api/v1/tickets/${id}`],
  });

  it.each(['support', 'customer'] as const)('as %s', async (side) => {
    const reader = side === 'support' ? agent : anna;
    for (const path of pages(ticket.id, ticket.number)[side]) {
      const before = await wholeReads(desk.ctx.db);
      const answer = await reader('GET', path);
      expect(answer.statusCode, `${path}: ${answer.body}`).toBe(200);
      const after = await wholeReads(desk.ctx.db);
      const readWhole = GROWING_TABLES.filter((table) => (after.get(table) ?? 0) > (before.get(table) ?? 0));
      expect(readWhole, path).toEqual([]);
    }
  });
});
