import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/database.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  fileOnBaltlog,
  fileOnUralenergo,
  openTestDesk,
  partnerFor,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface BulkResult {
  results: { ticketId: string; ok: boolean; code?: string; message?: string; ticket?: { status: string } }[];
  changed: number;
  failed: number;
}

describe.each(databaseBackends)('bulk changes and merging on $name', (backend) => {
  let desk: TestDesk;
  let agent: Caller;
  let anna: Caller;
  let sergey: Caller;
  let world: DemoWorld;
  let agentId: string;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, adminSession);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    agentId = (await agent('GET', '/api/v1/me')).json().principal.id;
  });
  afterAll(() => desk.close());

  const bulk = async (body: unknown) => {
    const response = await agent('POST', '/api/v1/tickets/bulk', body);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as BulkResult;
  };
  const detail = async (who: Caller, id: string) => (await who('GET', `/api/v1/tickets/${id}`)).json();

  it('changes each selected request on its own and says which failed and why', async () => {
    const first = await fileOnBaltlog(anna, world, 'Массовое 1');
    const second = await fileOnBaltlog(anna, world, 'Массовое 2');
    const third = await fileOnBaltlog(anna, world, 'Массовое 3');
    // Someone else changes the second request after the agent's list was read.
    await agent('POST', `/api/v1/tickets/${second.id}/messages`, { body: 'Смотрю', visibility: 'internal' });

    const assigned = await bulk({
      tickets: [first, second, third].map(({ id, version }) => ({ id, version })),
      action: { kind: 'assign', assigneeId: agentId },
    });
    expect(assigned).toMatchObject({ changed: 2, failed: 1 });
    const stale = assigned.results.find((result) => result.ticketId === second.id);
    expect(stale).toMatchObject({ ok: false, code: 'ticket_changed' });
    expect(stale?.message).toContain('изменил кто-то другой');
    expect((await detail(agent, first.id)).assigneeId).toBe(agentId);
    expect((await detail(agent, second.id)).assigneeId).toBeNull();

    const tag = await caller(desk.app, await signIn(desk.app, ...ADMIN))('POST', '/api/v1/tags', {
      name: 'массово',
    });
    const tagged = await bulk({
      tickets: [{ id: first.id }, { id: third.id }],
      action: { kind: 'tag', tagIds: [tag.json().id] },
    });
    expect(tagged.changed).toBe(2);
    expect((await detail(agent, third.id)).tags.map((item: { name: string }) => item.name)).toEqual([
      'массово',
    ]);

    await agent('POST', `/api/v1/tickets/${third.id}/close`, {});
    const resolved = await bulk({
      tickets: [{ id: first.id }, { id: third.id }],
      action: { kind: 'status', status: 'resolved', body: 'Исправлено в 4.2.1' },
    });
    expect(resolved.results.map((result) => result.ok)).toEqual([true, false]);
    expect(resolved.results[1]).toMatchObject({ code: 'transition_not_allowed' });
    expect(resolved.results[0]?.ticket?.status).toBe('resolved');
    const noText = await bulk({
      tickets: [{ id: second.id }],
      action: { kind: 'status', status: 'resolved' },
    });
    expect(noText.results[0]).toMatchObject({ ok: false, code: 'macro_needs_text' });

    const macro = await agent('POST', '/api/v1/macros', {
      title: 'Ждём клиента',
      body: 'Проверьте, пожалуйста, после перезапуска: {{ticket.number}}.',
      actions: { status: 'waiting_for_customer' },
    });
    const applied = await bulk({
      tickets: [{ id: second.id }],
      action: { kind: 'macro', macroId: macro.json().id },
    });
    expect(applied.results[0]?.ticket?.status).toBe('waiting_for_customer');
    const reply = (await detail(anna, second.id)).messages.find(
      (message: { kind: string }) => message.kind === 'reply',
    );
    expect(reply.body).toBe(`Проверьте, пожалуйста, после перезапуска: ${second.number}.`);
  });

  it('refuses a customer, a partner outside their organizations, and a selection too large', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Чужими руками');
    expect(
      (
        await anna('POST', '/api/v1/tickets/bulk', {
          tickets: [{ id: ticket.id }],
          action: { kind: 'assign', assigneeId: null },
        })
      ).statusCode,
    ).toBe(403);
    const sergeys = await fileOnUralenergo(sergey, world, 'Уралэнерго', 'low');
    const partner = await partnerFor(desk.app, caller(desk.app, await signIn(desk.app, ...ADMIN)), [
      world.uralenergo.id,
    ]);
    const outcome = (
      await partner('POST', '/api/v1/tickets/bulk', {
        tickets: [{ id: ticket.id }, { id: sergeys.id }],
        action: { kind: 'assign', assigneeId: null },
      })
    ).json() as BulkResult;
    // The partner works for Uralenergo only: Baltic Logistics' request is not found, as if absent.
    expect(outcome.results.map((result) => result.code ?? 'ok')).toEqual(['not_found', 'ok']);
    const tooMany = await agent('POST', '/api/v1/tickets/bulk', {
      tickets: Array.from({ length: 201 }, () => ({ id: ticket.id })),
      action: { kind: 'assign', assigneeId: null },
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('merges a duplicate into the original: messages move marked, the earlier registration governs, links both ways', async () => {
    const original = await fileOnBaltlog(anna, world, 'Не приходят сообщения', 'high');
    desk.clock.advance(10 * 60_000);
    const duplicate = await fileOnBaltlog(anna, world, 'Снова не приходят сообщения', 'high');
    await anna('POST', `/api/v1/tickets/${duplicate.id}/messages`, { body: 'Добавлю журнал.' });
    // The earlier request is merged into the later one: the earlier registration governs the one kept.
    const before = await detail(agent, duplicate.id);
    const merged = await agent('POST', `/api/v1/tickets/${original.id}/merge`, {
      intoTicketId: duplicate.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const { duplicate: closed, original: kept } = merged.json();
    expect(closed).toMatchObject({ status: 'closed', closeReason: 'merged', mergedIntoId: duplicate.id });
    expect(kept.registeredAt).toBe((await detail(agent, original.id)).registeredAt);
    expect(new Date(kept.responseDueAt).getTime()).toBeLessThan(new Date(before.responseDueAt).getTime());

    const into = await detail(agent, duplicate.id);
    expect(into.mergedFrom).toEqual([{ id: original.id, number: original.number }]);
    const moved = into.messages.filter(
      (message: { mergedFrom: { number: string } | null }) => message.mergedFrom,
    );
    expect(moved.map((message: { body: string }) => message.body)).toEqual([
      'Не приходят сообщения\n\nСообщения копятся в очереди orders.in.',
    ]);
    expect(into.messages.some((message: { body: string }) => message.body === 'Добавлю журнал.')).toBe(true);
    const left = await detail(agent, original.id);
    expect(left.mergedInto).toEqual({ id: duplicate.id, number: duplicate.number });
    expect(left.messages.map((message: { kind: string }) => message.kind)).toEqual(['merged']);
    expect(
      left.history.some(
        (event: { after: { mergedInto?: string } | null }) => event.after?.mergedInto === duplicate.number,
      ),
    ).toBe(true);

    // The customer sees one request, with the whole conversation, and was told where it went.
    const customerList = (await anna('GET', '/api/v1/tickets?limit=200')).json().items as { id: string }[];
    expect(customerList.some((item) => item.id === original.id)).toBe(false);
    expect(customerList.some((item) => item.id === duplicate.id)).toBe(true);
    const told = await rowsOf<{ count: number }>(
      desk.database.db,
      sql`select count(*)::int as count from outbox where payload->>'template' = 'ticket_merged'
          and payload->>'ticketId' = ${original.id} and payload->'params'->>'into' = ${duplicate.number}`,
    );
    expect(told[0]?.count).toBeGreaterThan(0);
    // A merged duplicate is closed: merging it again is refused.
    const again = await agent('POST', `/api/v1/tickets/${original.id}/merge`, { intoTicketId: duplicate.id });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a merge across organizations, into itself, by a customer, or on a stale version', async () => {
    const annas = await fileOnBaltlog(anna, world, 'Балтлог');
    const sergeys = await fileOnUralenergo(sergey, world, 'Уралэнерго', 'low');
    const across = await agent('POST', `/api/v1/tickets/${annas.id}/merge`, { intoTicketId: sergeys.id });
    expect(across.statusCode).toBe(400);
    expect(across.json()).toMatchObject({ code: 'merge_across_organizations' });
    expect(across.json().title).toContain('одной организации');
    expect((await detail(agent, annas.id)).status).toBe('new');
    const itself = await agent('POST', `/api/v1/tickets/${annas.id}/merge`, { intoTicketId: annas.id });
    expect(itself.json().code).toBe('merge_into_itself');
    const other = await fileOnBaltlog(anna, world, 'Балтлог 2');
    expect(
      (await anna('POST', `/api/v1/tickets/${annas.id}/merge`, { intoTicketId: other.id })).statusCode,
    ).toBe(403);
    const stale = await agent('POST', `/api/v1/tickets/${annas.id}/merge`, {
      intoTicketId: other.id,
      intoVersion: other.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('ticket_changed');
    expect((await detail(agent, other.id)).messages).toHaveLength(0);
  });
});
