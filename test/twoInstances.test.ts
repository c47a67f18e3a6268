import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.js';
import { loadDemoData } from '../src/app/demo/demoData.js';
import type { Actor } from '../src/app/shared/actor.js';
import { registerRequest } from '../src/app/tickets/registerRequest.js';
import { resolveTicket } from '../src/app/tickets/resolveTicket.js';
import { runAutoClose, runSlaWatch } from '../src/app/tickets/sweeps.js';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, openDatabase, rowsOf } from '../src/db/database.js';
import { agents, contacts, instances, slaBreaches } from '../src/db/schema.js';
import { ManualClock } from '../src/domain/calendar/clock.js';
import { SEVERITIES } from '../src/domain/sla/policy.js';
import { createAppContext } from '../src/wiring.js';
import { createPostgresDatabase } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const TICKETS = 40;
const msk = (local: string) => new Date(`${local.replace(' ', 'T')}+03:00`);

/**
 * Two app instances, each with its own connection pool, on one PostgreSQL database, running every
 * job at the same moments: each job's effect must happen exactly once.
 */
describe.each(serverUrl ? [serverUrl] : [])('two app instances on one PostgreSQL', (url) => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handles: DatabaseHandle[];
  let instancesUnderTest: AppContext[];
  let clock: ManualClock;
  let agent: Actor;

  beforeAll(async () => {
    database = await createPostgresDatabase(url);
    handles = [
      await openDatabase({ kind: 'postgres', url: database.url, poolSize: 4 }),
      await openDatabase({ kind: 'postgres', url: database.url, poolSize: 4 }),
    ];
    clock = new ManualClock(msk('2026-11-24 10:00:00'));
    const config = loadConfig({});
    instancesUnderTest = handles.map((handle) => createAppContext(handle.db, config, clock));
    const [first] = handles;
    const [ctx] = instancesUnderTest;
    if (!first || !ctx) throw new Error('no instance');
    await first.migrate();
    await loadDemoData(ctx);
    const [row] = await ctx.db
      .select()
      .from(agents)
      .where(eq(agents.email, 'irina.sokolova@supportdesk.example'));
    if (!row) throw new Error('demo agent missing');
    agent = {
      type: 'agent',
      id: row.id,
      role: row.role,
      name: row.name,
      email: row.email,
      language: row.language,
    };
    const [anna] = await ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'anna.petrova@baltlog.example'));
    const [instance] = await ctx.db.select().from(instances).where(eq(instances.name, 'esb-prod-spb'));
    for (let index = 0; index < TICKETS; index += 1) {
      await registerRequest(instancesUnderTest[index % 2] as AppContext, agent, {
        channel: 'api',
        contactId: anna?.id ?? '',
        instanceId: instance?.id ?? '',
        severity: SEVERITIES[index % SEVERITIES.length] ?? 'low',
        category: 'problem',
        subject: `Request ${index}`,
        description: 'Load for two instances',
        attachmentIds: [],
        receivedAt: clock.now(),
      });
    }
  });
  afterAll(async () => {
    for (const handle of handles ?? []) await handle.close();
    await database?.drop();
  });

  /** Runs a job on both instances at once, several rounds, as two schedulers ticking together would. */
  async function together(job: (ctx: AppContext) => Promise<unknown>, rounds = 3) {
    for (let round = 0; round < rounds; round += 1)
      await Promise.all(instancesUnderTest.map((ctx) => job(ctx)));
  }

  /** Both instances deliver the outbox side by side, in small batches, until it is empty. */
  async function deliverAll() {
    for (;;) {
      const results = await Promise.all(
        instancesUnderTest.map((ctx) => deliverOutbox(ctx, { batchSize: 7 })),
      );
      if (results.every((result) => result.delivered === 0 && result.failed === 0)) return;
    }
  }

  const count = async (query: ReturnType<typeof sql>) =>
    Number((await rowsOf<{ count: number }>(instancesUnderTest[0]?.db as AppContext['db'], query))[0]?.count);

  it('warns and records each breach once', async () => {
    clock.set(msk('2026-12-10 10:00:00'));
    await together(runSlaWatch);
    await deliverAll();
    expect(await count(sql`select count(*)::int as count from ${slaBreaches}`)).toBe(TICKETS);
    const warnings = await count(
      sql`select count(*)::int as count from notifications where template = 'sla_warning'`,
    );
    const breaches = await count(
      sql`select count(*)::int as count from notifications where template = 'sla_breach'`,
    );
    const queueSize = await count(
      sql`select count(*)::int as count from agents where active and role in ('admin', 'agent')`,
    );
    // Found already past their deadlines: each is told as a breach alone, the warning moot.
    expect(warnings).toBe(0);
    expect(breaches).toBe(TICKETS * queueSize);
    expect(
      await count(
        sql`select count(*)::int as count from (select ticket_id, template, recipient_id from notifications group by 1, 2, 3 having count(*) > 1) twice`,
      ),
    ).toBe(0);
  });

  it('reminds and auto-closes each request once, and delivers every notification once', async () => {
    const [ctx] = instancesUnderTest;
    if (!ctx) throw new Error('no instance');
    const open = await rowsOf<{ id: string }>(ctx.db, sql`select id from tickets order by number`);
    clock.set(msk('2026-12-10 11:00:00'));
    for (const ticket of open) await resolveTicket(ctx, agent, ticket.id, { body: 'Готово.' });

    // The reminders after 7 and 12 working days, then the close after 14.
    for (const moment of ['2026-12-21 12:00:00', '2026-12-28 12:00:00', '2027-01-25 12:00:00']) {
      clock.set(msk(moment));
      await together(runAutoClose, 4);
    }
    await deliverAll();

    expect(
      await count(
        sql`select count(*)::int as count from tickets where status = 'closed' and close_reason = 'auto'`,
      ),
    ).toBe(TICKETS);
    expect(
      await count(sql`select count(*)::int as count from ticket_messages where kind = 'auto_close'`),
    ).toBe(TICKETS);
    expect(
      await count(
        sql`select count(*)::int as count from audit_events where entity = 'ticket' and after->>'status' = 'closed'`,
      ),
    ).toBe(TICKETS);
    expect(
      await count(
        sql`select count(*)::int as count from notifications where template = 'inactivity_reminder'`,
      ),
    ).toBe(TICKETS * 2);
    expect(
      await count(
        sql`select count(*)::int as count from notifications where template = 'ticket_auto_closed'`,
      ),
    ).toBe(TICKETS);
    expect(await count(sql`select count(*)::int as count from outbox where delivered_at is null`)).toBe(0);
    expect(await count(sql`select count(*)::int as count from outbox where attempts <> 1`)).toBe(0);
    const [check] = await ctx.db
      .select({ count: sql<number>`count(*)::int` })
      .from(slaBreaches)
      .where(and(eq(slaBreaches.level, 'standard')));
    expect(Number(check?.count)).toBe(TICKETS);
  });
});
