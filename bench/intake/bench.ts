/**
 * Intake and queue on PostgreSQL. createTicket over HTTP at concurrency 32 with 100,000 tickets already
 * stored (tickets/s, p50/p99), beside the raw rate of one-row INSERT transactions on the same server in
 * the same run; then the agent queue (listTickets, first page by due time) p50/p99 with 1,000,000
 * tickets. The server runs as its own process, as in production. Last line: one JSON object.
 */
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { agentActor } from '../../src/app/shared/actor.js';
import { queueConditions } from '../../src/app/tickets/queue.js';
import { bandPage, QUEUE_BANDS, queuePage } from '../../src/app/tickets/queueBands.js';
import { ticketQueueFilter } from '../../src/contract/tickets.js';
import { openDatabase, rowsOf } from '../../src/db/database.js';
import { agents } from '../../src/db/schema.js';
import { fullScans, planShape, queryPlan } from '../../test/support/queryPlans.js';
import {
  benchDatabase,
  createTicketLoad,
  freePort,
  processCpuMs,
  requireAllAnswered,
  runCli,
  startDesk,
} from '../support/desk.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = 32;
const CREATE_REQUESTS = Number(process.env.BENCH_CREATE_REQUESTS ?? 20_000);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 5_000);
/** Requests sent before each measurement and not counted: the server compiles its hot paths and each
 * pooled connection prepares its statements, as in a desk that has been running for a while. */
const WARM_UP_FRACTION = 0.1;
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Seeds tickets straight into the table: the benchmark measures intake, not the seeding. */
async function seedTickets(pool: pg.Pool, upTo: number) {
  const [{ count }] = (await pool.query('select count(*)::int as count from tickets')).rows;
  if (count >= upTo) return;
  await pool.query(
    `insert into tickets (number, organization_id, contact_id, instance_id, certificate_id, level, policy_version,
       channel, category, subject, description, severity, status, registered_at, response_due_at, response_warn_at,
       first_response_at)
     select 'SD-2025-' || lpad(i::text, 7, '0'), t.organization_id, t.contact_id, t.instance_id, t.certificate_id,
       t.level, t.policy_version, t.channel, t.category, 'Seeded request ' || i, 'Seeded for the benchmark',
       (array['critical','high','medium','low'])[1 + i % 4]::severity,
       (array['new','in_progress','waiting_for_customer','resolved','closed'])[1 + i % 5]::ticket_status,
       now() - (i || ' minutes')::interval, now() + ((i % 20000) || ' minutes')::interval,
       now() + ((i % 20000) || ' minutes')::interval - interval '1 hour',
       case when i % 3 = 0 then now() else null end
     from generate_series($1::int + 1, $2::int) as i,
       (select organization_id, contact_id, instance_id, certificate_id, level, policy_version, channel, category
        from tickets order by created_at limit 1) as t`,
    [count, upTo],
  );
  // The steady state of a running desk: visibility map and statistics current, no vacuum pending.
  await pool.query('vacuum analyze tickets');
}

async function rawInsertRate(pool: pg.Pool): Promise<number> {
  await pool.query(
    'create table if not exists bench_raw_inserts (id bigint generated always as identity primary key, payload text not null, created_at timestamptz not null default now())',
  );
  let next = 0;
  const began = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CREATE_REQUESTS) {
        next += 1;
        await pool.query('insert into bench_raw_inserts (payload) values ($1)', ['one row']);
      }
    }),
  );
  return CREATE_REQUESTS / (Number(process.hrtime.bigint() - began) / 1e9);
}

/**
 * The plan of each band of the measured page at this size, and of the page's one statement as the
 * desk keeps it: every band an index range. The planner may sort a band it expects to be small (a few
 * breached requests) rather than walk its index; a plan that reads every request stops the benchmark.
 * Whether every band has an index path at all is the plan test's (test/queuePlans.test.ts).
 */
async function printQueuePlans(databaseUrl: string) {
  const handle = await openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 1 });
  try {
    const [agent] = await handle.db
      .select()
      .from(agents)
      .where(eq(agents.email, 'irina.sokolova@supportdesk.example'));
    if (!agent) throw new Error('the demo agent is missing');
    // The moment as the database has it: the one the seeded deadlines were written against.
    const [moment] = await rowsOf<{ now: string }>(
      handle.db,
      sql`select to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now`,
    );
    const at = new Date(moment?.now ?? '');
    const reader = agentActor(agent);
    const conditions = queueConditions(
      reader,
      ticketQueueFilter.parse({ status: ['new', 'in_progress'] }),
      null,
      at,
    );
    for (const band of QUEUE_BANDS) {
      const nodes = await queryPlan(handle.db, bandPage(band, conditions, at, null, 51, reader));
      out(`queue band ${band} plan: ${planShape(nodes)}`);
      if (fullScans(nodes, 'tickets').length > 0) throw new Error(`band ${band} reads every request`);
    }
    // The page's statement as the desk keeps it: planned once without the values (db/statementShapes.ts).
    const page = await queryPlan(handle.db, queuePage(conditions, at, null, 51, reader), { generic: true });
    out(`queue page generic plan: ${planShape(page)}`);
    if (fullScans(page, 'tickets').length > 0) throw new Error('the page reads every request');
    // A band is read only while the page is short because the bands are read in turn, never in parallel.
    if (page.some((node) => node['Node Type'].includes('Gather')))
      throw new Error('the page reads its bands at once');
  } finally {
    await handle.close();
  }
}

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench');
  const databaseUrl = database.url;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  // Dropping the database at the end ends whatever connection is still closing; that is expected.
  pool.on('error', () => {});
  const port = await freePort();
  const env = {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
    SMTP_LISTEN: 'false',
    // The benchmark is one client sending as fast as it can: the per-token limit would answer it 429.
    API_TOKEN_RATE_LIMIT: '1000000',
    // Serving only: the sweeps would take the seeded requests' passed deadlines for breaches to announce.
    ROLE: 'web',
  };
  let desk = await startDesk(env);
  try {
    const base = `http://127.0.0.1:${port}`;
    const token = await runCli(
      ['token', 'create', '--email', 'anna.petrova@baltlog.example', '--name', 'bench'],
      env,
    );
    const agentToken = await runCli(
      ['token', 'create', '--email', 'irina.sokolova@supportdesk.example', '--name', 'bench'],
      env,
    );
    const [{ id: instanceId }] = (await pool.query("select id from instances where name = 'esb-prod-spb'"))
      .rows;
    // One real request through the desk gives the seed its template row.
    const first = await fetch(`${base}/api/v1/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ instanceId, severity: 'high', subject: 'Template', description: 'Template' }),
    });
    if (first.status !== 201) throw new Error(`createTicket answered ${first.status}: ${await first.text()}`);
    await seedTickets(pool, 100_000);
    out(`seeded: ${(await pool.query('select count(*)::int as count from tickets')).rows[0].count} tickets`);

    const raw = await rawInsertRate(pool);
    out(
      `raw one-row INSERT transactions: ${Math.round(raw)}/s (concurrency ${CONCURRENCY}, ${CREATE_REQUESTS} rows)`,
    );

    const createOptions = createTicketLoad(`${base}/api/v1/tickets`, token, instanceId, CONCURRENCY);
    await autocannon({ ...createOptions, amount: Math.round(CREATE_REQUESTS * WARM_UP_FRACTION) });
    const create = await autocannon({ ...createOptions, amount: CREATE_REQUESTS });
    requireAllAnswered(create, 'createTicket');
    const created = create['2xx'];
    const createRate = created / create.duration;
    out(
      `createTicket over HTTP: ${Math.round(createRate)} tickets/s, p50 ${create.latency.p50} ms, p99 ${create.latency.p99} ms ` +
        `(${created} created, ${create.non2xx} non-2xx, ${create.errors} errors, concurrency ${CONCURRENCY}, ` +
        `after ${Math.round(CREATE_REQUESTS * WARM_UP_FRACTION)} uncounted warm-up requests)`,
    );

    await seedTickets(pool, 1_000_000);
    out(`seeded: ${(await pool.query('select count(*)::int as count from tickets')).rows[0].count} tickets`);
    // Started again beside its million requests: connections opened on a tenth of them plan on what they
    // saw then, as no desk that has been running beside its data does.
    await desk.stop();
    desk = await startDesk(env);
    await printQueuePlans(databaseUrl);
    // Which bands the measured page reads depends on how many seeded deadlines have passed by now.
    const [bands] = (
      await pool.query(`select count(*) filter (where queue_due_at <= now())::int as breached,
          count(*) filter (where queue_due_at > now() and queue_warn_at <= now())::int as due_soon
        from tickets where status in ('new', 'in_progress')`)
    ).rows;
    out(`the measured page's bands: ${bands.breached} breached, ${bands.due_soon} due soon`);
    const queueOptions = {
      url: `${base}/api/v1/tickets?status=new&status=in_progress&limit=50`,
      connections: 8,
      headers: { authorization: `Bearer ${agentToken}` },
    };
    await autocannon({ ...queueOptions, amount: Math.round(QUEUE_REQUESTS * WARM_UP_FRACTION) });
    const cpuBefore = processCpuMs(desk.pid);
    const queue = await autocannon({ ...queueOptions, amount: QUEUE_REQUESTS });
    requireAllAnswered(queue, 'listTickets');
    const cpuPerPage = (processCpuMs(desk.pid) - cpuBefore) / queue['2xx'];
    out(
      `listTickets (agent queue, first page by due time, 1,000,000 tickets): p50 ${queue.latency.p50} ms, p99 ${queue.latency.p99} ms ` +
        `(${queue['2xx']} answered, ${queue.non2xx} non-2xx, concurrency 8, ` +
        `after ${Math.round(QUEUE_REQUESTS * WARM_UP_FRACTION)} uncounted warm-up requests); ` +
        `the desk's CPU per page ${cpuPerPage.toFixed(2)} ms`,
    );
    out(
      JSON.stringify({
        createRate: Math.round(createRate),
        createP50Ms: create.latency.p50,
        createP99Ms: create.latency.p99,
        rawInsertRate: Math.round(raw),
        ratioToRawInsert: Number((createRate / raw).toFixed(3)),
        queuePagesPerSecond: Math.round(queue['2xx'] / queue.duration),
        queueP50Ms: queue.latency.p50,
        queueP99Ms: queue.latency.p99,
        queueDeskCpuMsPerPage: Number(cpuPerPage.toFixed(2)),
      }),
    );
  } finally {
    await desk.stop();
    await pool.end();
    await database.drop();
  }
}

await main();
