/**
 * Several instances behind a balancer. createTicket over HTTP through Debian's HAProxy at
 * concurrency 32, with one, two and three desk processes (ROLE=all, each delivering the outbox too)
 * on one PostgreSQL, in the same run: tickets/s and p99 for each, the ratio to one instance, and the
 * CPU each process used while it was measured, and the outbox backlog each run left.
 * BENCH_CLUSTER_ROLE=web measures createTicket alone. Last line: one JSON object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import pg from 'pg';
import { startHaproxy } from '../../test/support/haproxy.js';
import {
  benchDatabase,
  createTicketLoad,
  freePort,
  requireAllAnswered,
  runCli,
  startDesk,
} from '../support/desk.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CONCURRENCY = 32;
const MEASURE_SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 20);
/** `all` (each instance also delivers the outbox) or `web` (createTicket alone, nothing delivered). */
const ROLE = process.env.BENCH_CLUSTER_ROLE ?? 'all';
/** Seconds of load before each measurement, not counted: new instances compile their hot paths. */
const WARM_UP_SECONDS = 4;
/** Linux counts process CPU time in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;
const out = (line: string) => process.stdout.write(`${line}\n`);

/** User plus system CPU seconds a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process on the machine: the server and one backend per connection. */
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

async function outboxBacklog(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ backlog: number }>(
    'select count(*)::int as backlog from outbox where delivered_at is null and failed_at is null',
  );
  return rows[0]?.backlog ?? 0;
}

interface Measured {
  instances: number;
  rate: number;
  p50: number;
  p99: number;
}

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench_cluster');
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  const desks: { pid: number; stop(): Promise<void> }[] = [];
  const ports: number[] = [];
  const envOf = (port: number) => ({
    DATABASE_URL: database.url,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '10',
    SMTP_LISTEN: 'false',
    TRUST_PROXY: 'true',
    // The load is one token's: its per-minute limit would answer most of it 429.
    API_TOKEN_RATE_LIMIT: '1000000',
    ROLE,
  });
  const results: Measured[] = [];
  try {
    for (let instances = 1; instances <= 3; instances += 1) {
      const port = await freePort();
      ports.push(port);
      desks.push(await startDesk(envOf(port)));
      const balancer = await startHaproxy(ports);
      try {
        const token = await runCli(
          ['token', 'create', '--email', 'anna.petrova@baltlog.example', '--name', `bench-${instances}`],
          envOf(port),
        );
        const [{ id: instanceId }] = (
          await pool.query("select id from instances where name = 'esb-prod-spb'")
        ).rows;
        const options = createTicketLoad(`${balancer.url}/api/v1/tickets`, token, instanceId, CONCURRENCY);
        await autocannon({ ...options, duration: WARM_UP_SECONDS });
        const processes = [
          ...desks.map((desk, index) => ({ name: `desk ${index + 1}`, pids: [desk.pid] })),
          { name: 'HAProxy', pids: [balancer.pid] },
          { name: 'PostgreSQL', pids: postgresPids() },
        ];
        const cpuBefore = processes.map((entry) => entry.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0));
        const clientBefore = process.cpuUsage();
        const run = await autocannon({ ...options, duration: MEASURE_SECONDS });
        const client = process.cpuUsage(clientBefore);
        requireAllAnswered(run, `createTicket through HAProxy to ${instances} instance(s)`);
        const cpu = processes.map((entry, index) => {
          const used = entry.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0) - (cpuBefore[index] ?? 0);
          return `${entry.name} ${Math.round((100 * used) / run.duration)}%`;
        });
        cpu.push(`load client ${Math.round((client.user + client.system) / 1e4 / run.duration)}%`);
        const rate = run['2xx'] / run.duration;
        const backlog = await outboxBacklog(pool);
        results.push({ instances, rate, p50: run.latency.p50, p99: run.latency.p99 });
        out(
          `${instances} instance${instances > 1 ? 's' : ''}: ${Math.round(rate)} tickets/s, p50 ${run.latency.p50} ms, ` +
            `p99 ${run.latency.p99} ms (${run['2xx']} created in ${run.duration.toFixed(1)} s, ${run.non2xx} non-2xx, ` +
            `${run.errors} errors, ${backlog} deliveries waiting at the end); CPU of one core: ${cpu.join(', ')}`,
        );
        // Each run starts with the outbox current: the next one must not deliver this one's notices.
        while (ROLE === 'all' && (await outboxBacklog(pool)) > 0)
          await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        await balancer.stop();
      }
    }
  } finally {
    for (const desk of desks.reverse()) await desk.stop();
    await pool.end();
    await database.drop();
  }
  const [one, two, three] = results.map((result) => result.rate);
  out(
    JSON.stringify({
      one: Math.round(one ?? 0),
      two: Math.round(two ?? 0),
      three: Math.round(three ?? 0),
      ratioThree: Number(((three ?? 0) / (one ?? 1)).toFixed(2)),
      ratioTwo: Number(((two ?? 0) / (one ?? 1)).toFixed(2)),
      p99Ms: Object.fromEntries(results.map((result) => [result.instances, result.p99])),
    }),
  );
}

await main();
