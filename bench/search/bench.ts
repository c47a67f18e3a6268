/**
 * Request search on PostgreSQL at the size of a large vendor's desk: 1,000,000 requests and 5,000,000
 * messages of Russian and English support text. 200 mixed searches (words in any form, phrases,
 * exclusions, OR, numbers, parts of words), some narrowed by organization or status, some by a
 * customer's contact, each asking the HTTP API of a desk running as its own process for the first page
 * of 20 with its highlighted snippets. Prints the index sizes and build times and p50/p99 of a cold and
 * a warm pass; the last line is one JSON object. Target: p99 under 50 ms.
 */
import pg from 'pg';
import { benchDatabase, freePort, servingOnly, signInOverHttp, startDesk } from '../support/desk.js';
import { percentile } from '../support/percentile.js';
import { ENGLISH_TERMS, FILLER, RUSSIAN_TERMS } from './vocabulary.js';

const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TICKETS = Number(process.env.BENCH_TICKETS ?? 1_000_000);
const MESSAGES_PER_TICKET = Number(process.env.BENCH_MESSAGES_PER_TICKET ?? 5);
const QUERIES = 200;
const SEED_STREAMS = 2;
const out = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

const SEARCH_INDEXES = [
  [
    'tickets_search_document_idx',
    'create index tickets_search_document_idx on tickets using gin (search_document)',
  ],
  [
    'ticket_messages_search_document_idx',
    'create index ticket_messages_search_document_idx on ticket_messages using gin (search_document)',
  ],
  [
    'tickets_search_phrases_idx',
    'create index tickets_search_phrases_idx on tickets using gin (search_phrases(search_document))',
  ],
  [
    'ticket_messages_search_phrases_idx',
    'create index ticket_messages_search_phrases_idx on ticket_messages using gin (search_phrases(search_document))',
  ],
  [
    'tickets_subject_trgm_idx',
    'create index tickets_subject_trgm_idx on tickets using gin (subject gin_trgm_ops)',
  ],
  [
    'tickets_number_trgm_idx',
    'create index tickets_number_trgm_idx on tickets using gin (number gin_trgm_ops)',
  ],
] as const;

const literal = (words: readonly string[]) => `array[${words.map((word) => `'${word}'`).join(',')}]`;

/**
 * Text as support writes it: terms of the trade, the commoner ones more often (a power law, as in real
 * text), one in five in English, and the codes, host names and versions support text is full of, among
 * everyday words.
 */
async function defineTextFunction(pool: pg.Pool) {
  const term = (words: readonly string[]) =>
    `(${literal(words)})[1 + floor(power(random(), 1.4) * ${words.length})::int]`;
  await pool.query(`create or replace function bench_text(words int) returns text language sql volatile as $$
    select string_agg(
      case
        when random() < 0.04 then (array['ERR-' || (1000 + floor(random() * 9000))::int,
          'srv-app-' || floor(random() * 500)::int, '4.' || floor(random() * 20)::int || '.' || floor(random() * 10)::int])
          [1 + floor(random() * 3)::int]
        when random() < 0.25 then case when random() < 0.2 then ${term(ENGLISH_TERMS)} else ${term(RUSSIAN_TERMS)} end
        else (${literal(FILLER)})[1 + floor(random() * ${FILLER.length})::int]
      end, ' ')
    from generate_series(1, words)
  $$`);
}

/**
 * The requests go to both customers alike, each under its latest certificate: picked by the
 * certificates' random ids, a run could give every request to one customer and leave the contact's
 * searches (a tenth of them) nothing to find, each then reading every posting of its word.
 */
async function seed(pool: pg.Pool) {
  for (const [name] of SEARCH_INDEXES) await pool.query(`drop index if exists ${name}`);
  const perStream = Math.ceil(TICKETS / SEED_STREAMS);
  const began = performance.now();
  await Promise.all(
    Array.from({ length: SEED_STREAMS }, (_, stream) =>
      pool.query(
        `insert into tickets (number, organization_id, contact_id, instance_id, certificate_id, level, policy_version,
           channel, category, subject, description, severity, status, registered_at, response_due_at,
           response_warn_at, first_response_at)
         select 'SD-2025-' || lpad(i::text, 7, '0'), c.organization_id, ct.id, ci.instance_id, c.id, c.level,
           '2025-07-10', (array['portal','email','telegram','api'])[1 + i % 4]::channel, 'problem',
           bench_text(4 + i % 5), bench_text(20 + i % 30),
           (array['critical','high','medium','low'])[1 + i % 4]::severity,
           (array['new','in_progress','waiting_for_customer','resolved','closed'])[1 + i % 5]::ticket_status,
           timestamptz '2025-08-01' + i * interval '20 seconds',
           timestamptz '2025-08-01' + i * interval '20 seconds' + interval '8 hours',
           timestamptz '2025-08-01' + i * interval '20 seconds' + interval '6 hours',
           case when i % 3 > 0 then timestamptz '2025-08-01' + i * interval '20 seconds' + interval '2 hours' end
         from generate_series($1::int, $2::int) as i
         cross join lateral (select * from (select distinct on (organization_id) * from certificates
           order by organization_id, valid_to desc) as latest order by organization_id offset (i % 2) limit 1) as c
         cross join lateral (select * from certificate_instances where certificate_id = c.id limit 1) as ci
         cross join lateral (select * from contacts where organization_id = c.organization_id limit 1) as ct`,
        [stream * perStream + 1, Math.min(TICKETS, (stream + 1) * perStream)],
      ),
    ),
  );
  out(`seeded ${TICKETS} requests in ${seconds(began)} s`);
  const messagesBegan = performance.now();
  await Promise.all(
    Array.from({ length: SEED_STREAMS }, (_, stream) =>
      pool.query(
        `insert into ticket_messages (ticket_id, author_type, author_id, author_name, visibility, kind, body,
           channel, created_at)
         select t.id, case when k % 2 = 0 then 'contact' else 'agent' end, null,
           case when k % 2 = 0 then 'Клиент' else 'Поддержка' end,
           (case when k = 3 then 'internal' else 'public' end)::message_visibility,
           case when k = 3 then 'note' when k % 2 = 0 then 'customer' else 'reply' end,
           bench_text(15 + (k * 7) % 40), t.channel, t.registered_at + k * interval '1 hour'
         from tickets t cross join generate_series(1, $1::int) as k
         where abs(hashtext(t.id::text)) % ${SEED_STREAMS} = $2`,
        [MESSAGES_PER_TICKET, stream],
      ),
    ),
  );
  out(`seeded ${TICKETS * MESSAGES_PER_TICKET} messages in ${seconds(messagesBegan)} s`);
  const indexes: Record<string, { buildSeconds: number; sizeMb: number }> = {};
  await pool.query(`set maintenance_work_mem = '1GB'`);
  for (const [name, statement] of SEARCH_INDEXES) {
    const start = performance.now();
    await pool.query(statement);
    const [{ bytes }] = (await pool.query('select pg_relation_size($1) as bytes', [name])).rows;
    indexes[name] = { buildSeconds: Number(seconds(start)), sizeMb: Math.round(Number(bytes) / 1_048_576) };
    out(`index ${name}: ${indexes[name].sizeMb} MB, built in ${indexes[name].buildSeconds} s`);
  }
  await pool.query('vacuum analyze tickets');
  await pool.query('vacuum analyze ticket_messages');
  return indexes;
}

const pick = <T>(items: readonly T[], index: number): T => items[index % items.length] as T;

/**
 * 200 searches as agents and customers type them: terms from the whole vocabulary (a few of them the
 * commonest, which match a large part of the desk), pairs, phrases copied from the stored text (as a
 * person pastes a line of an error), exclusions, OR, request numbers,
 * error codes and parts of words; a third narrowed to an organization, a third to open statuses, one
 * in ten by a customer's contact.
 */
function searches(organizationIds: string[], phrases: string[]) {
  const terms = [...RUSSIAN_TERMS, ...ENGLISH_TERMS];
  const commonest = [...RUSSIAN_TERMS.slice(0, 5), ...ENGLISH_TERMS.slice(0, 2)];
  const list: { q: string; filter: string; asContact: boolean }[] = [];
  for (let index = 0; list.length < QUERIES; index += 1) {
    const word = pick(terms, index * 7);
    const other = pick(terms, index * 13 + 5);
    const kinds = [
      word,
      `${word} ${other}`,
      `"${pick(phrases, index)}"`,
      `${word} -${other}`,
      `${word} OR ${pick(terms, index * 3 + 1)}`,
      `SD-2025-${String(1 + ((index * 7919) % TICKETS)).padStart(7, '0')}`,
      `ERR-${1000 + ((index * 37) % 9000)}`,
      word.slice(0, Math.max(4, word.length - 3)),
      pick(terms, index * 11 + 3),
      pick(commonest, index),
    ];
    const q = pick(kinds, index);
    const filter =
      index % 3 === 0
        ? `&organizationId=${pick(organizationIds, index)}`
        : index % 3 === 1
          ? '&status=in_progress&status=waiting_for_customer'
          : '';
    // A contact's portal asks for their own requests: it never names an organization.
    const asContact = index % 10 === 9;
    list.push({ q, filter: asContact && filter.includes('organizationId') ? '' : filter, asContact });
  }
  return list;
}

/**
 * The benchmark's database: its own, dropped after, or with BENCH_SEARCH_KEEP=1 one kept by name between
 * runs, seeded only the first time (seeding a million requests takes a while).
 */
async function searchDatabase() {
  if (process.env.BENCH_SEARCH_KEEP !== '1') return benchDatabase(SERVER_URL, 'supportdesk_bench_search');
  const name = `supportdesk_bench_search_kept_${TICKETS}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => {} };
}

async function seeded(pool: pg.Pool): Promise<boolean> {
  const found = await pool.query(
    `select (select count(*) from tickets where number like 'SD-2025-%')::int as tickets,
       (select count(*) from ticket_messages)::int as messages,
       (select count(*) from pg_indexes where indexname = 'ticket_messages_search_document_idx')::int as indexed`,
  );
  const { tickets, messages, indexed } = found.rows[0];
  return tickets === TICKETS && messages >= TICKETS * MESSAGES_PER_TICKET && indexed === 1;
}

async function main() {
  const database = await searchDatabase();
  const port = await freePort();
  const env = servingOnly(database.url, port);
  let desk = await startDesk(env);
  const pool = new pg.Pool({ connectionString: database.url, max: SEED_STREAMS });
  pool.on('error', () => {});
  try {
    const base = `http://127.0.0.1:${port}`;
    await defineTextFunction(pool);
    const indexes = (await seeded(pool)) ? 'seeded by an earlier run' : await seed(pool);
    // Started again beside its requests: connections opened on empty tables plan on what they saw then.
    await desk.stop();
    desk = await startDesk(env);
    const organizationIds = (await pool.query('select distinct organization_id from certificates')).rows.map(
      (row) => row.organization_id as string,
    );
    const agent = (await signInOverHttp(base, 'admin@supportdesk.example', 'admin-demo-2026')).cookie;
    const contact = (await signInOverHttp(base, 'anna.petrova@baltlog.example', 'contact-demo-2026')).cookie;
    const phrases = (
      await pool.query(`select body from ticket_messages tablesample system (0.01) repeatable (7) limit 40`)
    ).rows.flatMap((row) => {
      const words = String(row.body).split(' ');
      const at = words.findIndex((word, index) => word.length > 3 && (words[index + 1] ?? '').length > 3);
      return at >= 0 ? [`${words[at]} ${words[at + 1]}`] : [];
    });
    const list = searches(organizationIds, phrases);
    const pass = async () => {
      const times: number[] = [];
      const timed: { q: string; ms: number; found: number }[] = [];
      let found = 0;
      for (const search of list) {
        const start = performance.now();
        const response = await fetch(
          `${base}/api/v1/tickets?limit=20&q=${encodeURIComponent(search.q)}${search.filter}`,
          { headers: { cookie: search.asContact ? contact : agent } },
        );
        const body = (await response.json()) as { items?: unknown[] };
        if (!response.ok)
          throw new Error(`"${search.q}" answered ${response.status}: ${JSON.stringify(body)}`);
        const ms = performance.now() - start;
        times.push(ms);
        const items = (body.items ?? []).length;
        timed.push({
          q: `${search.q}${search.filter}${search.asContact ? ' (contact)' : ''}`,
          ms,
          found: items,
        });
        if (items > 0) found += 1;
      }
      times.sort((a, b) => a - b);
      for (const slow of timed.sort((a, b) => b.ms - a.ms).slice(0, 5))
        out(`  slowest: ${slow.ms.toFixed(1)} ms, ${slow.found} found, ${slow.q}`);
      return {
        p50Ms: percentile(times, 0.5),
        p99Ms: percentile(times, 0.99),
        maxMs: times.at(-1) ?? 0,
        found,
      };
    };
    const cold = await pass();
    out(
      `cold pass: p50 ${cold.p50Ms.toFixed(1)} ms, p99 ${cold.p99Ms.toFixed(1)} ms, ${cold.found} of ${QUERIES} found something`,
    );
    const warm = await pass();
    out(
      `warm pass: p50 ${warm.p50Ms.toFixed(1)} ms, p99 ${warm.p99Ms.toFixed(1)} ms, slowest ${warm.maxMs.toFixed(1)} ms`,
    );
    out(JSON.stringify({ indexes, coldP99Ms: Math.round(cold.p99Ms) }));
    out(
      JSON.stringify({
        p50Ms: Math.round(warm.p50Ms * 10) / 10,
        p99Ms: Math.round(warm.p99Ms * 10) / 10,
        tickets: TICKETS,
        messages: TICKETS * MESSAGES_PER_TICKET,
      }),
    );
  } finally {
    await desk.stop();
    await pool.end();
    await database.drop();
  }
}

await main();
