import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/app/shared/actor.js';
import { columnPage } from '../src/app/tickets/columnOrder.js';
import { queueConditions } from '../src/app/tickets/queue.js';
import { bandPage, QUEUE_BANDS, queuePage } from '../src/app/tickets/queueBands.js';
import { ticketQueueFilter } from '../src/contract/tickets.js';
import { organizations } from '../src/db/schema.js';
import { readSearch } from '../src/domain/tickets/searchQuery.js';
import { databaseBackends } from './support/databases.js';
import { demoActors } from './support/demoActors.js';
import { fullScans, planShape, queryPlan, sortsAndFullScans } from './support/queryPlans.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

/**
 * The queue's page must never sort the open requests: each band, and each column order, is read from an
 * index in its order and stops at the page's end. The planner is asked with sequential scans and sorts priced out, so the plan
 * it returns shows whether an index path exists at all, whatever the few rows of a test database would
 * make it prefer; and asked twice, with the values and without them (the generic plan a named statement
 * keeps, db/statementShapes.ts). A plan is checked, never a timing.
 */
describe.each(databaseBackends)('the queue page reads each band by an index ($name)', (backend) => {
  let desk: TestDesk;
  const actors: Record<string, Actor> = {};
  let organizationId = '';

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const db = desk.ctx.db;
    Object.assign(actors, await demoActors(db));
    const [organization] = await db.select().from(organizations).limit(1);
    organizationId = organization?.id ?? '';
  });
  afterAll(() => desk?.close());

  const filters: Record<string, () => Record<string, unknown>> = {
    'no filter': () => ({}),
    status: () => ({ status: ['new', 'in_progress'] }),
    severity: () => ({ severity: ['critical'] }),
    organization: () => ({ organizationId }),
    'assigned to me': () => ({ assigneeId: 'me' }),
    unassigned: () => ({ assigneeId: 'none' }),
    'due before': () => ({ dueBefore: '2026-12-01T00:00:00Z' }),
    breached: () => ({ breached: 'true' }),
    'not breached': () => ({ breached: 'false' }),
    awaiting: () => ({ awaiting: 'true' }),
    'not awaiting': () => ({ awaiting: 'false' }),
    tag: () => ({ tag: ['00000000-0000-4000-8000-000000000000'] }),
  };

  const cases = Object.keys(filters).flatMap((filter) =>
    ['agent', 'partner', 'contact'].flatMap((actor) =>
      QUEUE_BANDS.flatMap((band) =>
        [false, true].flatMap((continued) =>
          [false, true].map((generic) => ({ filter, actor, band, continued, generic })),
        ),
      ),
    ),
  );

  it.each(cases)(
    '$actor, $filter, band $band, continued $continued, generic plan $generic',
    async ({ filter, actor, band, continued, generic }) => {
      const now = desk.clock.now();
      const reader = actors[actor];
      if (!reader) throw new Error(actor);
      const readFilter = filters[filter];
      if (!readFilter) throw new Error(filter);
      const conditions = queueConditions(
        reader,
        ticketQueueFilter.parse(readFilter()),
        filter === 'tag' ? readSearch('tag:intake') : null,
        now,
      );
      const after = continued
        ? { key: '2026-11-24T09:00:00.000000Z', id: '00000000-0000-4000-8000-000000000000' }
        : null;
      const query = bandPage(band, conditions, now, after, 51, reader);
      const nodes = await queryPlan(desk.ctx.db, query, { indexPathsOnly: true, generic });
      const shape = planShape(nodes);
      const selectsNothing = nodes.some((node) => node['One-Time Filter'] === 'false');
      if (!nodes.some((node) => node['Relation Name']) || selectsNothing) {
        // A filter that selects nothing for this reader (a contact's "assigned to me") reads no request:
        // the due-soon band's join by key is planned but never reached.
        expect(selectsNothing, shape).toBe(true);
        expect(fullScans(nodes, 'tickets'), shape).toEqual([]);
        return;
      }
      // A support reader's page reads each request's tags in the same query, by the tags' own key. The
      // due-soon band orders the page it walked (a CTE of at most a page), never the requests themselves.
      const sorts = sortsAndFullScans(nodes, 'tickets').filter(
        (node) => node.Plans?.[0]?.['Node Type'] !== 'CTE Scan',
      );
      expect([...sorts, ...fullScans(nodes, 'ticket_tags')], shape).toEqual([]);
      expect(
        nodes.some((node) => node['Node Type'].startsWith('Index') && node['Relation Name'] === 'tickets'),
        shape,
      ).toBe(true);
    },
  );

  // The whole page, its bands in one statement: a band is read only when the page is still short, which
  // holds while the plan reads the branches in turn under the limit (an Append, never a parallel plan).
  const pageCases = Object.keys(filters).flatMap((filter) =>
    ['agent', 'contact'].flatMap((actor) =>
      QUEUE_BANDS.flatMap((band) => [false, true].map((generic) => ({ filter, actor, band, generic }))),
    ),
  );

  it.each(pageCases)(
    'the page from band $band: $actor, $filter, generic plan $generic',
    async ({ filter, actor, band, generic }) => {
      const now = desk.clock.now();
      const reader = actors[actor];
      const readFilter = filters[filter];
      if (!reader || !readFilter) throw new Error(`${actor} ${filter}`);
      const conditions = queueConditions(reader, ticketQueueFilter.parse(readFilter()), null, now);
      const after =
        band === 0
          ? null
          : { band, key: '2026-11-24T09:00:00.000000Z', id: '00000000-0000-4000-8000-000000000000' };
      const nodes = await queryPlan(desk.ctx.db, queuePage(conditions, now, after, 51, reader), {
        indexPathsOnly: true,
        generic,
      });
      const shape = planShape(nodes);
      expect(nodes[0]?.['Node Type'], shape).toBe('Limit');
      const branches = QUEUE_BANDS.length - band;
      if (branches > 1) expect(nodes[1]?.['Node Type'], shape).toBe('Append');
      expect(
        nodes.filter((node) => /Gather|Parallel/.test(node['Node Type']) || node['Parallel Aware']),
        shape,
      ).toEqual([]);
      expect(fullScans(nodes, 'tickets'), shape).toEqual([]);
    },
  );

  const columnCases = (['severity', 'status', 'responseDueAt', 'registeredAt', 'updatedAt'] as const).flatMap(
    (sort) =>
      (['asc', 'desc'] as const).flatMap((direction) =>
        ['no filter', 'status', 'organization', 'unassigned', 'tag'].flatMap((filter) =>
          ['agent', 'contact'].flatMap((actor) =>
            [false, true].flatMap((continued) =>
              [false, true].map((generic) => ({ sort, direction, filter, actor, continued, generic })),
            ),
          ),
        ),
      ),
  );

  it.each(columnCases)(
    'sorted by $sort $direction: $actor, $filter, continued $continued, generic plan $generic',
    async ({ sort, direction, filter, actor, continued, generic }) => {
      const now = desk.clock.now();
      const reader = actors[actor];
      const readFilter = filters[filter];
      if (!reader || !readFilter) throw new Error(`${actor} ${filter}`);
      const conditions = queueConditions(reader, ticketQueueFilter.parse(readFilter()), null, now);
      const instant = '2026-11-24T09:00:00.000000Z';
      const key =
        sort === 'severity' ? `high~${instant}` : sort === 'status' ? `in_progress~${instant}` : instant;
      const after = continued ? { key, id: '00000000-0000-4000-8000-000000000000' } : null;
      const query = columnPage(sort, direction, conditions, after, 51, reader);
      const nodes = await queryPlan(desk.ctx.db, query, { indexPathsOnly: true, generic });
      const shape = planShape(nodes);
      expect(sortsAndFullScans(nodes, 'tickets'), shape).toEqual([]);
      expect(
        nodes.some((node) => node['Node Type'].startsWith('Index') && node['Relation Name'] === 'tickets'),
        shape,
      ).toBe(true);
    },
  );

  // A page's statement is named after its text (db/statementShapes.ts): a value written into the text
  // would make every page a shape of its own, prepared anew on each connection until the names ran out.
  it.each(['agent', 'partner', 'contact'])(
    "a %s's page has one text whatever the moment and the cursor",
    async (actor) => {
      const reader = actors[actor];
      if (!reader) throw new Error(actor);
      const dialect = new PgDialect();
      const textOf = (now: Date, id: string, organization: string) => {
        const filter = ticketQueueFilter.parse({ status: ['new'], organizationId: organization, tag: [id] });
        const after = { key: now.toISOString().replace('Z', '000Z'), id };
        return QUEUE_BANDS.map((band) => {
          const query = bandPage(band, queueConditions(reader, filter, null, now), now, after, 51, reader);
          return dialect.sqlToQuery(query.getSQL()).sql;
        });
      };
      const now = desk.clock.now();
      const first = textOf(now, '00000000-0000-4000-8000-000000000001', organizationId);
      const later = textOf(
        new Date(now.getTime() + 86_400_000),
        '00000000-0000-4000-8000-000000000002',
        '00000000-0000-4000-8000-000000000003',
      );
      expect(later).toEqual(first);
      expect(new Set(first).size).toBe(QUEUE_BANDS.length);
    },
  );
});
