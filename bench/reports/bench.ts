/**
 * Reports over 1,000,000 tickets on PostgreSQL: each report of the console for a year, timed over the
 * HTTP API of a desk running as its own process (p50 and the slowest of several runs). Last line: one
 * JSON object. Target: every report under 2 s. Beside each, the same rows counted by a bare SQL aggregate
 * on the same server (p50 of as many runs), and the report's ratio to it: what the report costs beyond
 * reading its rows once.
 */
import pg from 'pg';
import { benchDatabase, freePort, servingOnly, startDesk } from '../support/desk.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** Tickets spread over 2026 and the demo customers, a third answered (with a response time), some late. */
async function seed(pool: pg.Pool) {
  await pool.query(
    `insert into tickets (number, organization_id, contact_id, instance_id, certificate_id, level, policy_version,
       channel, category, subject, description, severity, status, registered_at, response_due_at, response_warn_at,
       first_response_at, response_clock_ms)
     select 'SD-2026-' || lpad(i::text, 7, '0'), c.organization_id, ct.id, ci.instance_id, c.id, c.level, '2025-07-10',
       (array['portal','email','telegram','api'])[1 + i % 4]::channel,
       'problem', 'Seeded request ' || i, 'Seeded for the benchmark',
       (array['critical','high','medium','low'])[1 + i % 4]::severity,
       (array['new','in_progress','waiting_for_customer','resolved','closed'])[1 + i % 5]::ticket_status,
       timestamptz '2026-01-01' + (i % 525600) * interval '1 minute',
       timestamptz '2026-01-01' + (i % 525600) * interval '1 minute' + interval '8 hours',
       timestamptz '2026-01-01' + (i % 525600) * interval '1 minute' + interval '6 hours',
       case when i % 3 = 0 then timestamptz '2026-01-01' + (i % 525600) * interval '1 minute' + (i % 600) * interval '1 minute' end,
       case when i % 3 = 0 then (i % 600) * 60000 end
     from generate_series(1, $1::int) as i
     cross join lateral (select * from certificates order by id offset (i % 2) limit 1) as c
     cross join lateral (select * from certificate_instances where certificate_id = c.id limit 1) as ci
     cross join lateral (select * from contacts where organization_id = c.organization_id limit 1) as ct`,
    [TICKETS],
  );
  await pool.query('vacuum analyze tickets');
}

const YEAR = "registered_at >= '2026-01-01T00:00:00+03:00' and registered_at < '2027-01-01T00:00:00+03:00'";

/** The rows each report reads, counted bare. */
const BARE_AGGREGATES: Record<string, string> = {
  sla: `select count(*) from tickets where ${YEAR} and imported_from is null`,
  backlog: "select count(*) from tickets where status <> 'closed'",
  channels: `select count(*) from tickets where ${YEAR}`,
  certificates: `select count(*) from tickets where ${YEAR} and certificate_id is not null`,
};

/** The bare count runs as the reports do, without the JIT and with their pricing of parallel scans (app/reports/reports.ts). */
async function bareMs(pool: pg.Pool, statement: string): Promise<number> {
  const times: number[] = [];
  const client = await pool.connect();
  try {
    await client.query('set jit = off');
    await client.query('set parallel_tuple_cost = 0.001');
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      await client.query(statement);
      times.push(performance.now() - start);
    }
  } finally {
    client.release(true);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench_reports');
  const port = await freePort();
  const env = servingOnly(database.url, port);
  // Started once to make the schema and the demo data, then again once the requests are stored: a desk
  // whose connections opened on an empty table plans on what it saw then, as no desk that has been
  // running beside its data does.
  let desk = await startDesk(env);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  try {
    const base = `http://127.0.0.1:${port}`;
    const began = performance.now();
    await seed(pool);
    const [{ count }] = (await pool.query('select count(*)::int as count from tickets')).rows;
    out(`seeded: ${count} tickets in ${((performance.now() - began) / 1000).toFixed(1)} s`);
    await desk.stop();
    desk = await startDesk(env);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@supportdesk.example', password: 'admin-demo-2026' }),
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const figures: Record<
      string,
      { p50Ms: number; maxMs: number; rows: number; bareP50Ms: number; ratioToBare: number }
    > = {};
    for (const report of ['sla', 'backlog', 'channels', 'certificates']) {
      const times: number[] = [];
      let rows = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const start = performance.now();
        const response = await fetch(`${base}/api/v1/reports/${report}?from=2026-01-01&to=2026-12-31`, {
          headers: { cookie },
        });
        if (!response.ok) throw new Error(`${report} answered ${response.status}: ${await response.text()}`);
        rows = ((await response.json()) as unknown[]).length;
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      const p50 = times[Math.floor(times.length / 2)] ?? 0;
      const bare = await bareMs(pool, BARE_AGGREGATES[report] ?? '');
      figures[report] = {
        p50Ms: Math.round(p50),
        maxMs: Math.round(times.at(-1) ?? 0),
        rows,
        bareP50Ms: Math.round(bare),
        ratioToBare: Number((p50 / bare).toFixed(2)),
      };
      out(
        `${report}: p50 ${figures[report].p50Ms} ms, slowest ${figures[report].maxMs} ms of ${RUNS} runs, ${rows} rows; ` +
          `bare count of its rows p50 ${figures[report].bareP50Ms} ms, ratio ${figures[report].ratioToBare}`,
      );
    }
    out(JSON.stringify({ tickets: count, runs: RUNS, ...figures }));
  } finally {
    await desk.stop();
    await pool.end();
    await database.drop();
  }
}

await main();
