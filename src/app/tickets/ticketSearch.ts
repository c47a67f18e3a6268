import { inArray, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.js';
import { tickets } from '../../db/schema.js';
import { SEARCH_CONFIGURATION, searchPhrases, webSearchQuery } from '../../db/searchDocuments.js';
import { requiredWordPairs } from '../../domain/tickets/searchPhrases.js';
import type { SearchTerms } from '../../domain/tickets/searchQuery.js';
import { rankHits, type SearchHit, type SearchPosition } from '../../domain/tickets/searchRanking.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { type ListedTicketRow, listedTicketColumns } from './access.js';

/** Marks around a hit in a headline: control characters, which no stored text can hold. */
const HIT_START = '\u0002';
const HIT_END = '\u0003';
const HEADLINE = `StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=30, MinWords=12, MaxFragments=1`;
const WHOLE_HEADLINE = `StartSel=${HIT_START}, StopSel=${HIT_END}, HighlightAll=true`;

/**
 * How much each kind of hit counts: a number named in full first, then the request's own text
 * (ts_rank already weighs the subject over the description), then its messages, then a part of
 * a word, a number or a file name.
 */
const WEIGHT = { number: 10, message: 0.6, numberPart: 0.5, fileName: 0.3, subjectPart: 0.2 };

export interface Segment {
  text: string;
  hit: boolean;
}

export interface SearchMatch {
  subject: Segment[];
  /** The best passage that matched, and where it was found; null when only the subject matched. */
  snippet: Segment[] | null;
  source: 'description' | 'message' | 'attachment' | null;
}

/** A contact reads only public messages, and only the files attached to them; support reads all. */
function readableBy(actor: Actor) {
  const publicOnly = actor.type === 'contact';
  return {
    message: publicOnly ? sql`and m.visibility = 'public'` : sql``,
    attachmentJoin: publicOnly
      ? sql`join ticket_messages m on m.id = a.message_id and m.visibility = 'public'`
      : sql``,
  };
}

/** `%` and `_` typed by a person are letters, not wildcards. */
const containing = (fragment: string) => `%${fragment.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/**
 * How many hits of each kind are ranked. A common word matches a large part of a big desk, and
 * ranking every hit would take seconds: the first hits the index gives are ranked instead, so a
 * search costs about the same however common its words. The reader's visibility and the filters apply
 * before the cut, so a contact's search never comes back empty because other organizations' hits
 * filled it; a more precise search (two words, a phrase, a filter) narrows the hits below the cut.
 */
export const SEARCH_CANDIDATES = 60;

/**
 * A word is read from a sample of at most about this many of its hits, drawn evenly from all of them
 * (PostgreSQL's gin_fuzzy_search_limit): reading the million postings of a very common word is what
 * made such a search slow, and a sample of thousands still ranks well. Words that must stand together
 * are read whole (see SearchTerms.sampleable). When the sample leaves a page short (a search narrowed
 * to an organization the sample held little of), the page is read again from every posting, so a
 * search never misses what it would have found.
 */
const SAMPLE = 2000;

/** A hit's registration as fixed-width UTC text with microseconds: the ranking compares it as text. */
const HIT_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * The requests a search finds among those `conditions` (the reader's visibility and the queue's
 * filters) admit, best first, a page at a time. Each kind of hit is looked up through its own
 * index, in rounds from the dearest to miss to the dearest to read, each only when those before it
 * leave the page short; the hits of one request are merged (searchRanking.ts). A contact's search
 * reads public messages only.
 */
export async function findTickets(
  ctx: AppContext,
  actor: Actor,
  terms: SearchTerms,
  conditions: SQL,
  page: { limit: number; after: SearchPosition | null },
): Promise<{ row: ListedTicketRow; position: SearchPosition }[]> {
  return ctx.db.transaction(async (tx) => {
    // Without the JIT: a search over millions of postings is priced past its thresholds, and compiling
    // the statement afresh each time cost more than reading the sample it ranks.
    const [prepared] = await rowsOf<{ query: string }>(
      tx,
      sql`select set_config('jit', 'off', true), set_config('gin_fuzzy_search_limit',
        ${String(terms.sampleable ? SAMPLE : 0)}, true), ${webSearchQuery(terms.text)}::text as query`,
    );
    const rounds = searchRounds(actor, terms, conditions, requiredWordPairs(prepared?.query ?? ''));
    const hits: SearchHit[] = [];
    let ranked: SearchPosition[] = [];
    for (const round of rounds) {
      const read = () => rowsOf<SearchHit>(tx, hitsOf(terms, round));
      let found = await read();
      ranked = rankHits([...hits, ...found], page.after, page.limit);
      if (terms.sampleable && ranked.length < page.limit) {
        await rowsOf(tx, sql`select set_config('gin_fuzzy_search_limit', '0', true)`);
        found = await read();
        ranked = rankHits([...hits, ...found], page.after, page.limit);
        await rowsOf(tx, sql`select set_config('gin_fuzzy_search_limit', ${String(SAMPLE)}, true)`);
      }
      hits.push(...found);
      if (ranked.length >= page.limit) break;
    }
    if (ranked.length === 0) return [];
    const rows = await tx
      .select(listedTicketColumns)
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          ranked.map((position) => position.id),
        ),
      );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ranked.flatMap((position) => {
      const row = byId.get(position.id);
      return row ? [{ row, position }] : [];
    });
  });
}

/**
 * A table's rows that `lookup` finds, read through the lookup's own index before the reader's filters
 * apply. offset 0 fences the lookup: left to itself, the planner intersects its index with a filter's
 * (a status that 40% of the desk has, a common word's postings) or scans the table in order for a
 * limited page, each several times slower at a million requests than the lookup's index alone.
 */
function foundBy(table: SQL, alias: SQL, lookup: SQL): SQL {
  return sql`(select * from ${table} where ${lookup} offset 0) as ${alias}`;
}

/** Every hit of a round's lookups, as the ranking reads it. */
export function hitsOf(terms: SearchTerms, lookups: SQL[]): SQL {
  return sql`with q as (select ${webSearchQuery(terms.text)} as query)
    select ticket_id as "ticketId", rank::float8 as rank,
      to_char(registered_at at time zone 'UTC', ${sql.raw(HIT_INSTANT)}) as "registeredAt"
    from (${sql.join(lookups, sql` union all `)}) as hits(ticket_id, registered_at, rank)`;
}

/**
 * The rounds of lookups: the requests' own words first; then parts of words (a trigram scan is dear
 * for a common one), then the messages, five times as many. A request number written in full names its
 * request: nothing else is searched for it. When the search holds phrases, the documents are first
 * narrowed to those holding all of their word pairs (searchPhrases.ts), and only those are matched.
 */
export function searchRounds(actor: Actor, terms: SearchTerms, conditions: SQL, pairs: string[]): SQL[][] {
  const readable = readableBy(actor);
  const cut = sql`limit ${SEARCH_CANDIDATES}`;
  const holdingPairs = (table: SQL, alias: SQL) =>
    pairs.length === 0
      ? sql`${table} as ${alias}`
      : foundBy(
          table,
          alias,
          sql`${searchPhrases(sql`${table}.search_document`)} @> array[${sql.join(
            pairs.map((pair) => sql`${pair}`),
            sql`, `,
          )}]::text[]`,
        );
  const ownText: SQL[] = [
    sql`(select ${tickets.id}, ${tickets.registeredAt}, ts_rank(${tickets.searchDocument}, q.query)
        from ${holdingPairs(sql`${tickets}`, sql`${tickets}`)}, q
        where ${tickets.searchDocument} @@ q.query and ${conditions} ${cut})`,
  ];
  if (terms.number)
    ownText.push(
      sql`(select ${tickets.id}, ${tickets.registeredAt}, ${WEIGHT.number}::real from ${tickets} where ${tickets.number} = ${terms.number} and ${conditions})`,
    );
  if (terms.externalReference)
    ownText.push(
      sql`(select ${tickets.id}, ${tickets.registeredAt}, ${WEIGHT.number}::real from ${tickets} where ${tickets.externalReference} = ${terms.externalReference} and ${conditions})`,
    );
  if (terms.number) return [ownText];
  const rounds = [ownText];
  if (terms.fragment) {
    const pattern = containing(terms.fragment);
    rounds.push([
      sql`(select ${tickets.id}, ${tickets.registeredAt}, ${WEIGHT.numberPart}::real
          from ${foundBy(sql`${tickets}`, sql`${tickets}`, sql`${tickets.number} ilike ${pattern}`)}
          where ${conditions} ${cut})`,
      sql`(select ${tickets.id}, ${tickets.registeredAt}, ${WEIGHT.subjectPart}::real
          from ${foundBy(sql`${tickets}`, sql`${tickets}`, sql`${tickets.subject} ilike ${pattern}`)}
          where ${conditions} ${cut})`,
      sql`(select a.ticket_id, ${tickets.registeredAt}, ${WEIGHT.fileName}::real from attachments a ${readable.attachmentJoin}
          join ${tickets} on ${tickets.id} = a.ticket_id
          where a.file_name ilike ${pattern} and ${conditions} ${cut})`,
    ]);
  }
  rounds.push([
    sql`(select m.ticket_id, ${tickets.registeredAt}, ${WEIGHT.message} * ts_rank(m.search_document, q.query)
        from ${holdingPairs(sql`ticket_messages`, sql`m`)}
        join ${tickets} on ${tickets.id} = m.ticket_id, q
        where m.search_document @@ q.query ${readable.message} and ${conditions}
        ${cut})`,
  ]);
  return rounds;
}

/** The query of what each request on a page matched, highlighted. */
export function matchesQuery(actor: Actor, terms: SearchTerms, ticketIds: string[]): SQL {
  const readable = readableBy(actor);
  const pattern = terms.fragment ? containing(terms.fragment) : null;
  const onPage = sql`(${sql.join(
    ticketIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  return (
    // The page's messages are read by request and matched once: matching them through the text index
    // would read every posting of a common word, and matching them per request every message again.
    sql`with q as (select ${webSearchQuery(terms.text)} as query),
    page_messages as materialized (select ticket_id, body, visibility, search_document
      from ticket_messages where ticket_id in ${onPage}),
    matched_messages as materialized (select m.ticket_id, m.body, m.search_document
      from page_messages m, q where m.search_document @@ q.query ${readable.message})
  select t.id,
    ts_headline(${SEARCH_CONFIGURATION}, t.subject, q.query, ${WHOLE_HEADLINE}) as subject,
    case when d.matched
      then ts_headline(${SEARCH_CONFIGURATION}, t.description, q.query, ${HEADLINE}) end as description,
    -- One passage is shown: a message's is made only when the description has none (a headline is dear).
    case when not d.matched then (select ts_headline(${SEARCH_CONFIGURATION}, m.body, q.query, ${HEADLINE})
      from matched_messages m where m.ticket_id = t.id
      order by ts_rank(m.search_document, q.query) desc limit 1) end as message,
    ${
      pattern
        ? sql`(select a.file_name from attachments a ${readable.attachmentJoin}
            where a.ticket_id = t.id and a.file_name ilike ${pattern} limit 1)`
        : sql`null`
    } as file_name
  from tickets t cross join q
    cross join lateral (select to_tsvector(${SEARCH_CONFIGURATION}, t.description) @@ q.query as matched) d
  where t.id in ${onPage}`
  );
}

/** What each found request matched, highlighted, for the page shown. */
export async function searchMatches(
  ctx: AppContext,
  actor: Actor,
  terms: SearchTerms,
  ticketIds: string[],
): Promise<Map<string, SearchMatch>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await rowsOf<{
    id: string;
    subject: string;
    description: string | null;
    message: string | null;
    file_name: string | null;
  }>(ctx.db, matchesQuery(actor, terms, ticketIds));
  return new Map(
    rows.map((row) => {
      const [snippet, source] = row.description
        ? [row.description, 'description' as const]
        : row.message
          ? [row.message, 'message' as const]
          : row.file_name
            ? [row.file_name, 'attachment' as const]
            : [null, null];
      return [
        row.id,
        {
          subject: withFragment(segments(row.subject), terms.fragment),
          snippet: snippet === null ? null : withFragment(segments(snippet), terms.fragment),
          source,
        },
      ];
    }),
  );
}

/** A headline's marked hits as segments, so no reader ever has to render the desk's markup. */
function segments(headline: string): Segment[] {
  const result: Segment[] = [];
  for (const [index, part] of headline.split(new RegExp(`[${HIT_START}${HIT_END}]`)).entries()) {
    if (part) result.push({ text: part, hit: index % 2 === 1 });
  }
  return result;
}

/** Marks a plain fragment ("серв") inside the text that the stemmed search left unmarked. */
function withFragment(parts: Segment[], fragment: string | null): Segment[] {
  if (!fragment) return parts;
  const needle = fragment.toLocaleLowerCase('ru');
  return parts.flatMap((part) => {
    if (part.hit) return [part];
    const found: Segment[] = [];
    const lower = part.text.toLocaleLowerCase('ru');
    let from = 0;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
      if (at > from) found.push({ text: part.text.slice(from, at), hit: false });
      found.push({ text: part.text.slice(at, at + needle.length), hit: true });
      from = at + needle.length;
    }
    if (from < part.text.length) found.push({ text: part.text.slice(from), hit: false });
    return found;
  });
}
