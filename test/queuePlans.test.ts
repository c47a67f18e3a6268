import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/app/actor.js';
import { columnPage } from '../src/app/tickets/columnOrder.js';
import { queueConditions } from '../src/app/tickets/queue.js';
import { bandPage, QUEUE_BANDS } from '../src/app/tickets/queueBands.js';
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
 * make it prefer. A plan is checked, never a timing.
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
      QUEUE_BANDS.flatMap((band) => [false, true].map((continued) => ({ filter, actor, band, continued }))),
    ),
  );

  it.each(cases)(
    '$actor, $filter, band $band, continued $continued',
    async ({ filter, actor, band, continued }) => {
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
      const nodes = await queryPlan(desk.ctx.db, query, { indexPathsOnly: true });
      const shape = planShape(nodes);
      if (!nodes.some((node) => node['Relation Name'])) {
        // A filter that selects nothing for this reader (a contact's "assigned to me") reads no table.
        expect(
          nodes.some((node) => node['One-Time Filter'] === 'false'),
          shape,
        ).toBe(true);
        return;
      }
      // A support reader's page reads each request's tags in the same query, by the tags' own key.
      expect([...sortsAndFullScans(nodes, 'tickets'), ...fullScans(nodes, 'ticket_tags')], shape).toEqual([]);
      expect(
        nodes.some((node) => node['Node Type'].startsWith('Index') && node['Relation Name'] === 'tickets'),
        shape,
      ).toBe(true);
    },
  );

  const columnCases = (['severity', 'status', 'responseDueAt', 'registeredAt', 'updatedAt'] as const).flatMap(
    (sort) =>
      (['asc', 'desc'] as const).flatMap((direction) =>
        ['no filter', 'status', 'organization', 'unassigned', 'tag'].flatMap((filter) =>
          ['agent', 'contact'].flatMap((actor) =>
            [false, true].map((continued) => ({ sort, direction, filter, actor, continued })),
          ),
        ),
      ),
  );

  it.each(columnCases)(
    'sorted by $sort $direction: $actor, $filter, continued $continued',
    async ({ sort, direction, filter, actor, continued }) => {
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
      const nodes = await queryPlan(desk.ctx.db, query, { indexPathsOnly: true });
      const shape = planShape(nodes);
      expect(sortsAndFullScans(nodes, 'tickets'), shape).toEqual([]);
      expect(
        nodes.some((node) => node['Node Type'].startsWith('Index') && node['Relation Name'] === 'tickets'),
        shape,
      ).toBe(true);
    },
  );
});
