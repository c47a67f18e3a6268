import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/app/shared/actor.js';
import { queueConditions } from '../src/app/tickets/queue.js';
import { hitsOf, matchesQuery, searchRounds } from '../src/app/tickets/ticketSearch.js';
import { ticketQueueFilter } from '../src/contract/tickets.js';
import { rowsOf } from '../src/db/database.js';
import { webSearchQuery } from '../src/db/searchDocuments.js';
import { requiredWordPairs } from '../src/domain/tickets/searchPhrases.js';
import { readSearch } from '../src/domain/tickets/searchQuery.js';
import { databaseBackends } from './support/databases.js';
import { demoActors } from './support/demoActors.js';
import { type PlanNode, planShape, queryPlan } from './support/queryPlans.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

const indexesRead = (nodes: PlanNode[]) => nodes.flatMap((node) => node['Index Name'] ?? []);

/**
 * Each lookup of a search reads its own index: a phrase its word pairs, never the postings of its
 * common words; a part of a subject its trigrams, never the status index that 40 % of a desk shares;
 * the highlights a page's messages by request, never a common word's postings. The planner is asked
 * with sequential scans priced out, so the plan shows which index paths the query leaves it.
 */
describe.each(databaseBackends)('a search reads each lookup by its own index ($name)', (backend) => {
  let desk: TestDesk;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    Object.assign(actors, await demoActors(desk.ctx.db));
  });
  afterAll(() => desk?.close());

  const roundsOf = async (reader: Actor, typed: string, status: string[]) => {
    const terms = readSearch(typed);
    const [read] = await rowsOf<{ query: string }>(
      desk.ctx.db,
      sql`select ${webSearchQuery(terms.text)}::text as query`,
    );
    const conditions = queueConditions(
      reader,
      ticketQueueFilter.parse(status.length > 0 ? { status } : {}),
      terms,
      desk.clock.now(),
    );
    return {
      terms,
      rounds: searchRounds(reader, terms, conditions, requiredWordPairs(read?.query ?? '')),
    };
  };
  const planOf = (query: ReturnType<typeof hitsOf>) =>
    queryPlan(desk.ctx.db, query, { indexPathsOnly: true });

  const cases = ['agent', 'contact'].flatMap((actor) =>
    [[], ['in_progress', 'waiting_for_customer']].map((status) => ({ actor, status })),
  );

  it.each(cases)('a phrase by its word pairs: $actor, status $status', async ({ actor, status }) => {
    const reader = actors[actor] as Actor;
    const { terms, rounds } = await roundsOf(reader, '"доступ отвечает"', status);
    const [ownText, messages] = [rounds[0] ?? [], rounds.at(-1) ?? []];
    const own = await planOf(hitsOf(terms, ownText));
    expect(indexesRead(own), planShape(own)).toContain('tickets_search_phrases_idx');
    expect(indexesRead(own), planShape(own)).not.toContain('tickets_search_document_idx');
    const inMessages = await planOf(hitsOf(terms, messages));
    expect(indexesRead(inMessages), planShape(inMessages)).toContain('ticket_messages_search_phrases_idx');
    expect(indexesRead(inMessages), planShape(inMessages)).not.toContain(
      'ticket_messages_search_document_idx',
    );
  });

  it.each(cases)('a part of a word by its trigrams: $actor, status $status', async ({ actor, status }) => {
    const reader = actors[actor] as Actor;
    const { terms, rounds } = await roundsOf(reader, 'устано', status);
    const [numberPart, subjectPart] = rounds[1] ?? [];
    for (const [lookup, index] of [
      [numberPart, 'tickets_number_trgm_idx'],
      [subjectPart, 'tickets_subject_trgm_idx'],
    ] as const) {
      const plan = await planOf(hitsOf(terms, lookup ? [lookup] : []));
      expect(indexesRead(plan), planShape(plan)).toEqual([index]);
    }
  });

  it('highlights a page by its requests, never through a common word', async () => {
    const terms = readSearch('ошибка');
    const plan = await planOf(
      matchesQuery(actors.agent as Actor, terms, ['00000000-0000-4000-8000-000000000001']),
    );
    expect(indexesRead(plan), planShape(plan)).toContain('ticket_messages_ticket_idx');
    expect(indexesRead(plan), planShape(plan)).not.toContain('ticket_messages_search_document_idx');
  });
});
