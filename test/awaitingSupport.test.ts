import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaWatch } from '../src/app/tickets/sweeps.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  DEMO_NOW,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const HOUR = 3_600_000;
const RESOLUTION = { body: 'Исправлено в версии 4.2.1.' };

interface Listed {
  id: string;
  awaitingSupportSince: string | null;
  followUp: { dueAt: string; breached: boolean; countdown: { remainingMs: number } } | null;
}

describe.each(databaseBackends)('what needs an answer on $name', (backend) => {
  let desk: TestDesk;
  let agent: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let anna: ReturnType<typeof caller>;
  let world: DemoWorld;
  let organizationId: string;

  const file = (severity: string, subject: string) => fileOnBaltlog(anna, world, subject, severity);
  const say = async (who: ReturnType<typeof caller>, ticketId: string, body: string, extra = {}) => {
    const response = await who('POST', `/api/v1/tickets/${ticketId}/messages`, { body, ...extra });
    expect(response.statusCode, response.body).toBe(201);
  };
  const ticket = async (id: string) => (await agent('GET', `/api/v1/tickets/${id}`)).json() as Listed;
  const queue = async (extra = '', limit = 200) => {
    const response = await agent(
      'GET',
      `/api/v1/tickets?organizationId=${organizationId}&limit=${limit}${extra}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Listed[]; nextCursor: string | null };
  };

  const at = (instant: Date) => desk.clock.set(instant);

  beforeAll(async () => {
    // Sessions that outlast the days the test moves its clock through.
    desk = await openTestDesk(backend, { SESSION_TTL_HOURS: '720' });
    const adminSession = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, adminSession);
    organizationId = world.baltlog.id;
    admin = caller(desk.app, adminSession);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
  });
  afterAll(() => desk?.close());

  it('awaits support from the first unanswered customer message until support replies publicly', async () => {
    const request = await file('medium', 'Не проходит оплата');
    expect((await ticket(request.id)).awaitingSupportSince).toBe(DEMO_NOW.toISOString());
    await say(agent, request.id, 'Пришлите журнал, пожалуйста.');
    expect((await ticket(request.id)).awaitingSupportSince).toBeNull();

    desk.clock.advance(HOUR);
    const wroteAt = desk.clock.now().toISOString();
    await say(anna, request.id, 'Журнал во вложении.');
    desk.clock.advance(HOUR);
    await say(anna, request.id, 'И ещё один.');
    await say(agent, request.id, 'Проверяю у разработчиков.', { visibility: 'internal' });
    expect((await ticket(request.id)).awaitingSupportSince).toBe(wroteAt);
    expect((await queue('&awaiting=true')).items.map((item) => item.id)).toContain(request.id);

    await say(agent, request.id, 'Исправление в версии 4.2.1.', { awaitCustomer: true });
    expect((await ticket(request.id)).awaitingSupportSince).toBeNull();
    const notAwaiting = (await queue('&awaiting=false')).items.map((item) => item.id);
    expect(notAwaiting).toContain(request.id);
    expect((await queue('&awaiting=true')).items.map((item) => item.id)).not.toContain(request.id);
  });

  it('orders the queue: breached, due soon, awaiting support longest first, then the rest', async () => {
    at(DEMO_NOW);
    const breached = await file('critical', 'Остановлен обмен'); // due Wed 11:00 Moscow
    const dueSoon = await file('high', 'Медленно работает поиск'); // warned Wed 12:00, due Wed 15:00
    const answered = await file('low', 'Вопрос по лицензиям');
    const wroteBack = await file('medium', 'Ошибка в отчёте');
    await say(agent, answered.id, 'Ответили на почту.');
    await say(agent, wroteBack.id, 'Уточните версию.');
    desk.clock.advance(HOUR);
    await say(anna, wroteBack.id, 'Версия 4.1.');
    at(new Date('2026-11-25T09:00:00Z'));
    const fresh = await file('low', 'Новый вопрос');
    at(new Date('2026-11-25T10:00:00Z')); // Wed 13:00 Moscow

    const mine = [breached.id, dueSoon.id, wroteBack.id, fresh.id, answered.id];
    const order = (await queue('&status=new&status=in_progress&status=waiting_for_customer')).items
      .map((item) => item.id)
      .filter((id) => mine.includes(id));
    expect(order).toEqual(mine);

    // Page by page, the same order, each request once.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await queue(cursor ? `&cursor=${cursor}` : '', 3);
      paged.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged.filter((id) => mine.includes(id))).toEqual(mine);
    expect(new Set(paged).size).toBe(paged.length);
    const forged = await agent('GET', '/api/v1/tickets?cursor=bm90LWEtY3Vyc29y');
    expect(forged.json()).toMatchObject({ code: 'cursor_invalid', field: 'cursor' });
  });

  it('resolving or closing a request ends its wait; the customer writing again starts a new one', async () => {
    const resolved = await file('low', 'Вопрос решён');
    expect((await agent('POST', `/api/v1/tickets/${resolved.id}/resolve`, RESOLUTION)).statusCode).toBe(200);
    expect((await ticket(resolved.id)).awaitingSupportSince).toBeNull();
    desk.clock.advance(HOUR);
    await say(anna, resolved.id, 'Ошибка вернулась.');
    expect((await ticket(resolved.id)).awaitingSupportSince).toBe(desk.clock.now().toISOString());

    const closed = await file('low', 'Больше не актуально');
    const answer = await agent('POST', `/api/v1/tickets/${closed.id}/close`, { reason: 'duplicate' });
    expect(answer.statusCode, answer.body).toBe(200);
    expect((await ticket(closed.id)).awaitingSupportSince).toBeNull();
  });

  it('counts down to a follow-up reply where the policy version sets a target', async () => {
    const [current] = (await admin('GET', '/api/v1/sla/policies')).json();
    const { id: _id, ...preset } = current;
    expect(preset.followUp).toBeUndefined();
    const created = await admin('POST', '/api/v1/sla/policies', {
      ...preset,
      name: 'Регламент с целевым временем ответа на дополнения',
      effectiveFrom: '2026-11-26',
      followUp: { standard: { medium: { clock: 'business', hours: 4 } } },
    });
    expect(created.statusCode, created.body).toBe(201);
    at(new Date('2026-11-26T07:00:00Z')); // Thu 10:00 Moscow
    const request = await file('medium', 'Не работает выгрузка');
    expect((await ticket(request.id)).followUp).toBeNull(); // the first response has its own deadline
    await say(agent, request.id, 'Какая версия?');
    at(new Date('2026-11-26T13:00:00Z')); // Thu 16:00 Moscow
    await say(anna, request.id, 'Версия 4.1.');
    const waiting = await ticket(request.id);
    // Four working hours from 16:00 Thursday: two on Thursday, two from 09:00 on Friday.
    expect(waiting.followUp).toMatchObject({ dueAt: '2026-11-27T08:00:00.000Z', breached: false });
    expect(waiting.followUp?.countdown.remainingMs).toBe(4 * HOUR);
    const lowRequest = await file('low', 'Без целевого времени');
    await say(agent, lowRequest.id, 'Принято.');
    await say(anna, lowRequest.id, 'Спасибо, ещё вопрос.');
    expect((await ticket(lowRequest.id)).followUp).toBeNull();

    // Support is warned at 75% of the four hours and told of the breach, once each.
    const noticesOf = async () => {
      await runSlaWatch(desk.ctx);
      await deliverOutbox(desk.ctx);
      const notices = (await agent('GET', '/api/v1/notifications?limit=200')).json() as {
        ticketId: string;
        template: string;
      }[];
      return notices.filter((notice) => notice.ticketId === request.id).map((notice) => notice.template);
    };
    at(new Date('2026-11-27T07:30:00Z'));
    expect(await noticesOf()).toEqual(['follow_up_warning', 'customer_message']);
    at(new Date('2026-11-27T08:30:00Z'));
    expect(await noticesOf()).toEqual(['follow_up_breach', 'follow_up_warning', 'customer_message']);
    expect(await noticesOf()).toHaveLength(3);
    expect((await ticket(request.id)).followUp).toMatchObject({ breached: true });
    const first = (await queue('&status=in_progress')).items[0];
    expect(first?.id).toBe(request.id);
    await say(agent, request.id, 'Исправили.');
    expect((await ticket(request.id)).followUp).toBeNull();
  });
});
