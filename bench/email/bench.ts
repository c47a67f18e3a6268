/**
 * The mail channel on PostgreSQL: 1,000 mails sent over SMTP to the desk's listener (the desk running as
 * its own process, as in production), each a new request from an authorized contact. The listener
 * answers 250 only after the ticket is committed, so the time from the first byte sent to that answer
 * is the time from receipt to committed ticket. Last line: one JSON object.
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { benchDatabase, freePort, startDesk } from '../support/desk.js';
import { percentile } from '../support/percentile.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MAILS = Number(process.env.BENCH_MAILS ?? 1_000);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 16);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench_mail');
  const [httpPort, smtpPort] = [await freePort(), await freePort()];
  const desk = await startDesk({
    DATABASE_URL: database.url,
    PORT: String(httpPort),
    SMTP_LISTEN_PORT: String(smtpPort),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
  });
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on('error', () => {});
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: CONNECTIONS,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  try {
    const letter = (index: number) => ({
      from: 'Анна Петрова <anna.petrova@baltlog.example>',
      to: 'support@supportdesk.example',
      subject: `[high] [esb-prod-spb] Очередь сообщений не обрабатывается (${index})`,
      text: 'После обновления ESB сообщения копятся в очереди orders.in.\n\n-- \nАнна Петрова',
      messageId: `<bench.${index}.${randomBytes(4).toString('hex')}@baltlog.example>`,
    });
    // Warm-up, not counted: connections open, statements prepared.
    await Promise.all(
      Array.from({ length: CONNECTIONS * 2 }, (_, index) => transport.sendMail(letter(-index - 1))),
    );
    // One sender per connection, each sending its next mail when the last is committed: the latency
    // is the desk's, not a queue's in the client.
    const latencies: number[] = [];
    let next = 0;
    const began = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < MAILS) {
          const index = next;
          next += 1;
          const start = performance.now();
          await transport.sendMail(letter(index));
          latencies.push(performance.now() - start);
        }
      }),
    );
    const seconds = (performance.now() - began) / 1000;
    const [{ count }] = (
      await pool.query(
        "select count(*)::int as count from tickets where channel = 'email' and subject like '%(%)' and subject not like '%(-%'",
      )
    ).rows;
    // A mail answered 250 and then refused (an unknown sender, a lapsed certificate) registers nothing:
    // a rate of mails that made no requests measures nothing.
    if (count !== MAILS) throw new Error(`${MAILS} mails sent, but ${count} requests registered`);
    latencies.sort((a, b) => a - b);
    const rate = MAILS / seconds;
    out(
      `${MAILS} mails over ${CONNECTIONS} SMTP connections in ${seconds.toFixed(2)} s: ${Math.round(rate)} mails/s`,
    );
    out(
      `receipt to committed ticket: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms; ${count} tickets committed`,
    );
    out(
      JSON.stringify({
        mails: MAILS,
        connections: CONNECTIONS,
        mailsPerSecond: Math.round(rate),
        p50Ms: Number(percentile(latencies, 0.5).toFixed(1)),
        p99Ms: Number(percentile(latencies, 0.99).toFixed(1)),
        ticketsCommitted: count,
      }),
    );
  } finally {
    transport.close();
    await desk.stop();
    await pool.end();
    await database.drop();
  }
}

await main();
