/**
 * The live feed under load: 500 open event streams on one desk process (on PostgreSQL, so every change
 * goes through LISTEN/NOTIFY), the vendor's agents and a customer's contacts among them, while support
 * answers requests. For each reply, the time from the moment it was sent to its event at every stream
 * that may see it; and the desk's memory per open stream. The last line is one JSON object.
 * Target: p99 under 200 ms.
 */
import { readFileSync } from 'node:fs';
import { benchDatabase, freePort, signInOverHttp, startDesk } from '../support/desk.js';
import { percentile } from '../support/percentile.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STREAMS = Number(process.env.BENCH_STREAMS ?? 500);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 60);
const CHANGE_EVERY_MS = 100;
const out = (line: string) => process.stdout.write(`${line}\n`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const PEOPLE = [
  { email: 'admin@supportdesk.example', password: 'admin-demo-2026', seesReplies: true },
  { email: 'irina.sokolova@supportdesk.example', password: 'agent-demo-2026', seesReplies: true },
  { email: 'pavel.orlov@supportdesk.example', password: 'agent-demo-2026', seesReplies: true },
  { email: 'anna.petrova@baltlog.example', password: 'contact-demo-2026', seesReplies: true },
  // Another customer's contact: subscribed, and told nothing of these requests.
  { email: 'sergey.ivanov@uralenergo.example', password: 'contact-demo-2026', seesReplies: false },
];

const residentBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;

interface Stream {
  seesReplies: boolean;
  arrivals: Map<string, number>;
  bytes: number;
  close(): void;
}

/** One reader of the feed, as a browser's EventSource reads it: each reply's first event, by request. */
async function openStream(base: string, cookie: string, seesReplies: boolean): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${base}/api/v1/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
  const stream: Stream = { seesReplies, arrivals: new Map(), bytes: 0, close: () => controller.abort() };
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        stream.bytes += chunk.byteLength;
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1];
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          if (!data) continue;
          const event = JSON.parse(data) as { type: string; ticketId?: string };
          if (event.type === 'message.added' && event.ticketId && !stream.arrivals.has(event.ticketId))
            stream.arrivals.set(event.ticketId, at);
        }
      }
    } catch {
      // Closed by the benchmark.
    }
  })();
  return stream;
}

async function main() {
  const database = await benchDatabase(SERVER_URL, 'supportdesk_bench_events');
  const port = await freePort();
  const desk = await startDesk({
    DATABASE_URL: database.url,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SMTP_LISTEN: 'false',
    LOGIN_RATE_LIMIT: '1000',
  });
  const base = `http://127.0.0.1:${port}`;
  const streams: Stream[] = [];
  try {
    const sessions = await Promise.all(
      PEOPLE.map((person) => signInOverHttp(base, person.email, person.password)),
    );
    const [admin, , , anna] = sessions;
    if (!admin || !anna) throw new Error('the demo sign-ins are missing');
    const json = (session: { cookie: string; csrfToken: string }) => ({
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    });
    const me = (await (await fetch(`${base}/api/v1/me`, { headers: json(anna) })).json()) as {
      principal: { organizationId: string };
    };
    const organization = (await (
      await fetch(`${base}/api/v1/organizations/${me.principal.organizationId}`, { headers: json(anna) })
    ).json()) as { instances: { id: string }[] };
    const requests: string[] = [];
    for (let index = 0; index < CHANGES; index += 1) {
      const filed = await fetch(`${base}/api/v1/tickets`, {
        method: 'POST',
        headers: json(anna),
        body: JSON.stringify({
          instanceId: organization.instances[0]?.id,
          severity: 'medium',
          subject: `Запрос для живой ленты ${index}`,
          description: 'Подробности',
        }),
      });
      if (filed.status !== 201) throw new Error(`filing answered ${filed.status}: ${await filed.text()}`);
      requests.push(((await filed.json()) as { id: string }).id);
    }
    await pause(1_000);
    const before = residentBytes(desk.pid);
    for (let index = 0; index < STREAMS; index += 1) {
      const person = PEOPLE[index % PEOPLE.length];
      const session = sessions[index % sessions.length];
      if (!person || !session) continue;
      streams.push(await openStream(base, session.cookie, person.seesReplies));
    }
    await pause(2_000);
    const after = residentBytes(desk.pid);
    out(`${streams.length} streams open; the desk grew by ${Math.round((after - before) / 1024)} KiB`);

    const sentAt = new Map<string, number>();
    for (const ticketId of requests) {
      const start = performance.now();
      sentAt.set(ticketId, start);
      const reply = await fetch(`${base}/api/v1/tickets/${ticketId}/messages`, {
        method: 'POST',
        headers: json(admin),
        body: JSON.stringify({ body: 'Ответ поддержки' }),
      });
      if (reply.status !== 201) throw new Error(`the reply answered ${reply.status}: ${await reply.text()}`);
      await pause(CHANGE_EVERY_MS);
    }
    await pause(2_000);
    const latencies: number[] = [];
    let missed = 0;
    let leaked = 0;
    for (const stream of streams) {
      for (const [ticketId, start] of sentAt) {
        const arrived = stream.arrivals.get(ticketId);
        if (!stream.seesReplies) {
          if (arrived !== undefined) leaked += 1;
        } else if (arrived === undefined) missed += 1;
        else latencies.push(arrived - start);
      }
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 0.5);
    const p99 = percentile(latencies, 0.99);
    const bytesPerStream = Math.round((after - before) / streams.length);
    out(
      `${latencies.length} deliveries: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, slowest ${(latencies.at(-1) ?? 0).toFixed(1)} ms; ${missed} missed, ${leaked} to a reader who may not see them`,
    );
    out(
      `traffic per stream: ${Math.round(streams.reduce((sum, stream) => sum + stream.bytes, 0) / streams.length)} bytes`,
    );
    if (missed > 0 || leaked > 0) throw new Error('the feed lost events or sent them to the wrong reader');
    out(JSON.stringify({ streams: streams.length, p99Ms: Math.round(p99 * 10) / 10, bytesPerStream }));
  } finally {
    for (const stream of streams) stream.close();
    await desk.stop();
    await database.drop();
  }
}

await main();
