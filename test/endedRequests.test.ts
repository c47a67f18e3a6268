import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

/**
 * A request support owes nothing any more (merged into another, closed, resolved) shows how it ended,
 * never a countdown: not on the request, not in the queue, not in search results, not to the customer,
 * and not later, when its old deadline has passed.
 */
describe.each(databaseBackends)('an ended request counts down no more ($name)', (backend) => {
  let desk: TestDesk;
  let agent: Caller;
  let anna: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
  });
  afterAll(() => desk?.close());

  it('a merged duplicate, unanswered, reads as ended wherever it is listed', async () => {
    const duplicate = await fileOnBaltlog(anna, world, 'Дубликат: журнал не пишется');
    const original = await fileOnBaltlog(anna, world, 'Журнал не пишется');
    const merged = await agent('POST', `/api/v1/tickets/${duplicate.id}/merge`, {
      intoTicketId: original.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    // Past the old deadline: an ended request is judged when it ended, not again as time passes.
    desk.clock.advance(5 * 24 * 3_600_000);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));

    for (const reader of [agent, anna]) {
      const detail = (await reader('GET', `/api/v1/tickets/${duplicate.id}`)).json();
      expect(detail).toMatchObject({ status: 'closed', countdown: null, followUp: null, breached: false });
      expect(detail.sla).toMatchObject({ remainingMs: null, running: false, breached: false });
    }
    const queue = (await agent('GET', '/api/v1/tickets?status=closed')).json();
    const listed = queue.items.find((item: { id: string }) => item.id === duplicate.id);
    expect(listed).toMatchObject({ countdown: null, followUp: null, breached: false });
    const found = (await agent('GET', `/api/v1/tickets?q=${encodeURIComponent('журнал')}`)).json();
    const hit = found.items.find((item: { id: string }) => item.id === duplicate.id);
    expect(hit).toMatchObject({ countdown: null, breached: false });
    // The breached filter judges it as its summary does: not late, whatever the time now.
    const late = (await agent('GET', '/api/v1/tickets?status=all&breached=true')).json();
    expect(late.items.map((item: { id: string }) => item.id)).not.toContain(duplicate.id);
    const inTime = (await agent('GET', '/api/v1/tickets?status=all&breached=false')).json();
    expect(inTime.items.map((item: { id: string }) => item.id)).toContain(duplicate.id);
    // The original, still owed an answer, does count down (and is late by now).
    const kept = (await agent('GET', `/api/v1/tickets/${original.id}`)).json();
    expect(kept.countdown).not.toBeNull();
    expect(kept.breached).toBe(true);
  });
});
