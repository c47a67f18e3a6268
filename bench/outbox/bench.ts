/**
 * The outbox on PostgreSQL, with the desk running as its own process against an SMTP server on loopback.
 * Drain: 10,000 customer notices (each a mail and an in-app notification) waiting when the desk starts,
 * delivered by one instance; mails per second from its start to the last mail received. Soak: notices
 * written at 20 a second for 10 minutes (BENCH_SOAK_SECONDS) while the desk runs; the largest pending
 * backlog seen and the p99 delay from writing a notice to its mail arriving. Last line: one JSON object.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { noticeEntries } from '../../src/app/outbox/enqueue.js';
import { benchDatabase, freePort, startDesk } from '../support/desk.js';
import { percentile } from '../support/percentile.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DRAIN = Number(process.env.BENCH_NOTICES ?? 10_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 200);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
const SOAK_RATE = Number(process.env.BENCH_SOAK_RATE ?? 20);
const out = (line: string) => process.stdout.write(`${line}\n`);

/** The vendor's relay: counts what arrives and when, and reads the instant each notice was written. */
async function relay() {
  // Kept raw and read after the run: parsing 500 mails a second would take the cores the desk measures on.
  const arrivals: { at: number; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 1_048_576,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        arrivals.push({ at: Date.now(), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.server.address() as AddressInfo).port,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench_outbox');
  const smtp = await relay();
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => {});
  const env = {
    DATABASE_URL: database.url,
    PORT: String(await freePort()),
    SMTP_LISTEN: 'false',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
  };
  try {
    // The demo world, and requests of one contact for the notices to be about.
    let desk = await startDesk(env);
    const base = `http://127.0.0.1:${env.PORT}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'anna.petrova@baltlog.example', password: 'contact-demo-2026' }),
    });
    if (!login.ok) throw new Error(`sign-in answered ${login.status}: ${await login.text()}`);
    const session = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
    const [instance] = (
      await pool.query<{ id: string; contact_id: string }>(
        `select i.id, c.id as contact_id from instances i join contacts c on c.organization_id = i.organization_id
         where i.name = 'esb-prod-spb' and c.email = 'anna.petrova@baltlog.example'`,
      )
    ).rows;
    if (!instance) throw new Error('the demo world has no esb-prod-spb');
    const ticketIds: string[] = [];
    for (let index = 0; index < TICKETS; index += 1) {
      const created = await fetch(`${base}/api/v1/tickets`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          instanceId: instance.id,
          severity: 'medium',
          subject: `Запрос для замера уведомлений ${index}`,
          description: 'Сообщения копятся в очереди orders.in.',
        }),
      });
      if (created.status !== 201)
        throw new Error(`filing answered ${created.status}: ${await created.text()}`);
      ticketIds.push(((await created.json()) as { id: string }).id);
    }
    await waitFor(
      async () =>
        (await pool.query(`select count(*)::int as n from outbox where delivered_at is null`)).rows[0].n ===
        0,
      60_000,
    );
    await desk.stop();

    const write = async (count: number, offset: number) => {
      const now = new Date();
      const rows = Array.from({ length: count }, (_, index) =>
        noticeEntries(now, {
          recipient: { type: 'contact', id: instance.contact_id },
          template: 'ticket_reply',
          params: {
            number: `SD-BENCH-${offset + index}`,
            subject: 'Замер',
            body: `Ответ поддержки written-at-${now.getTime()}`,
          },
          ticketId: ticketIds[(offset + index) % ticketIds.length] ?? null,
        }).filter((entry) => entry.topic !== 'notice.telegram'),
      ).flat();
      const values = rows.map(
        (_, index) =>
          `($${index * 4 + 1}, $${index * 4 + 2}, $${index * 4 + 3}, $${index * 4 + 4}, $${index * 4 + 4})`,
      );
      await pool.query(
        `insert into outbox (topic, payload, order_key, created_at, available_at) values ${values.join(', ')}`,
        rows.flatMap((row) => [row.topic, JSON.stringify(row.payload), row.orderKey, now.toISOString()]),
      );
    };

    // Drain: everything is waiting when the desk starts.
    for (let offset = 0; offset < DRAIN; offset += 500) await write(Math.min(500, DRAIN - offset), offset);
    smtp.arrivals.length = 0;
    desk = await startDesk(env);
    await waitFor(() => smtp.arrivals.length >= DRAIN, 600_000);
    // From the first mail to the last: the desk's start-up (migrations checked, calendar built) is not delivery.
    const drainSeconds = ((smtp.arrivals.at(-1)?.at ?? 0) - (smtp.arrivals[0]?.at ?? 0)) / 1000;
    const mailsPerSecond = Math.round(DRAIN / drainSeconds);
    out(`drain: ${DRAIN} notices (mail + in-app) in ${drainSeconds.toFixed(1)} s: ${mailsPerSecond} mails/s`);

    // Soak: a steady stream while the desk runs.
    smtp.arrivals.length = 0;
    let maxBacklog = 0;
    let written = 0;
    const soakBegan = Date.now();
    const sampler = setInterval(() => {
      pool
        .query(`select count(*)::int as n from outbox where delivered_at is null and failed_at is null`)
        .then((result) => {
          maxBacklog = Math.max(maxBacklog, result.rows[0].n);
        })
        .catch(() => {});
    }, 1_000);
    while (Date.now() - soakBegan < SOAK_SECONDS * 1000) {
      const due = Math.floor(((Date.now() - soakBegan) / 1000) * SOAK_RATE) - written;
      if (due > 0) {
        await write(due, DRAIN + written);
        written += due;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => smtp.arrivals.length >= written, 60_000);
    clearInterval(sampler);
    const delays: number[] = [];
    for (const arrival of smtp.arrivals) {
      const written = ((await simpleParser(arrival.raw)).text ?? '').match(/written-at-(\d+)/);
      if (!written) throw new Error('a mail arrived without the instant it was written');
      delays.push(arrival.at - Number(written[1]));
    }
    delays.sort((a, b) => a - b);
    const soakP99DelayMs = percentile(delays, 0.99);
    out(
      `soak: ${written} notices at ${SOAK_RATE}/s for ${SOAK_SECONDS} s: largest backlog ${maxBacklog} entries, ` +
        `delay p50 ${percentile(delays, 0.5)} ms, p99 ${soakP99DelayMs} ms`,
    );
    await desk.stop();
    out(JSON.stringify({ mailsPerSecond, soakMaxBacklog: maxBacklog, soakP99DelayMs }));
  } finally {
    await pool.end();
    await smtp.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
