import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_COUNT_CAP } from '../src/app/tickets/queue.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  everyPage,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface Listed {
  id: string;
  severity: string;
  registeredAt: string;
  tags: { id: string; name: string }[];
}

describe.each(databaseBackends)('sorting, tags and saved views on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let agent: Caller;
  let anna: Caller;
  let world: DemoWorld;
  const filed: { id: string; number: string; version: number }[] = [];

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, adminSession);
    admin = caller(desk.app, adminSession);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    for (const [index, severity] of ['low', 'critical', 'medium', 'high', 'low', 'critical'].entries()) {
      desk.clock.advance(60_000);
      filed.push(await fileOnBaltlog(anna, world, `Запрос для сортировки ${index}`, severity));
    }
  });
  afterAll(() => desk.close());

  const list = async (query: string) => {
    const response = await agent('GET', `/api/v1/tickets?organizationId=${world.baltlog.id}&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Listed[]; nextCursor: string | null };
  };
  const inPages = (query: string) =>
    everyPage<Listed>(agent, `/api/v1/tickets?organizationId=${world.baltlog.id}&${query}`, 2);

  it('sorts by a column either way, page after page, severity by its rank', async () => {
    const bySeverity = await inPages('sort=severity&direction=asc');
    const ranks = bySeverity.map((item) => ['critical', 'high', 'medium', 'low'].indexOf(item.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(bySeverity.map((item) => item.id)).size).toBe(bySeverity.length);
    expect(bySeverity).toHaveLength(filed.length);

    const newestFirst = await inPages('sort=registeredAt&direction=desc');
    const times = newestFirst.map((item) => item.registeredAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(newestFirst[0]?.id).toBe(filed.at(-1)?.id);

    // A cursor belongs to the order it was read in.
    const page = await list('sort=registeredAt&limit=2');
    const crossed = await agent(
      'GET',
      `/api/v1/tickets?organizationId=${world.baltlog.id}&sort=severity&cursor=${page.nextCursor}`,
    );
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json().code).toBe('cursor_invalid');
  });

  it('reads `status=all`, as the queue’s address writes it, as every status', async () => {
    const every = await inPages('status=all');
    expect(every.map((item) => item.id).sort()).toEqual(
      (await inPages('sort=registeredAt')).map((item) => item.id).sort(),
    );
    expect((await list('status=all&status=new')).items.length).toBeGreaterThan(0);
    expect((await agent('GET', '/api/v1/tickets?status=everything')).statusCode).toBe(400);
  });

  it('keeps tags to the list administrators keep, and filters and searches by them', async () => {
    expect((await agent('POST', '/api/v1/tags', { name: 'интеграция' })).statusCode).toBe(403);
    const tag = await admin('POST', '/api/v1/tags', { name: '1С-интеграция', color: 'blue' });
    expect(tag.statusCode, tag.body).toBe(201);
    const again = await admin('POST', '/api/v1/tags', { name: '1с-ИНТЕГРАЦИЯ' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('tag_name_taken');
    expect((await admin('POST', '/api/v1/tags', { name: 'два слова' })).statusCode).toBe(400);

    const [first, second] = filed;
    const tagged = await agent('POST', `/api/v1/tickets/${first?.id}/tags`, { tagIds: [tag.json().id] });
    expect(tagged.statusCode, tagged.body).toBe(200);
    await agent('POST', `/api/v1/tickets/${second?.id}/tags`, { tagIds: [tag.json().id] });
    const unknownTag = await agent('POST', `/api/v1/tickets/${second?.id}/tags`, {
      tagIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownTag.json().code).toBe('tag_unknown');

    const filtered = await list(`tag=${tag.json().id}`);
    expect(filtered.items.map((item) => item.id).sort()).toEqual([first?.id, second?.id].sort());
    expect(filtered.items[0]?.tags.map((item) => item.name)).toEqual(['1С-интеграция']);
    const searched = await list(`q=${encodeURIComponent('tag:1с-интеграция сортировки')}&status=new`);
    expect(searched.items.map((item) => item.id).sort()).toEqual([first?.id, second?.id].sort());
    const onlyTag = await list(`q=${encodeURIComponent('tag:1С-интеграция')}`);
    expect(onlyTag.items).toHaveLength(2);

    expect((await agent('DELETE', `/api/v1/tickets/${second?.id}/tags/${tag.json().id}`)).statusCode).toBe(
      200,
    );
    expect((await list(`tag=${tag.json().id}`)).items.map((item) => item.id)).toEqual([first?.id]);
    // A second tag: the list, read in the page's own query, and the request agree on their order.
    const urgent = await admin('POST', '/api/v1/tags', { name: 'авария', color: 'red' });
    await agent('POST', `/api/v1/tickets/${first?.id}/tags`, { tagIds: [urgent.json().id] });
    const listed = (await list(`tag=${tag.json().id}`)).items[0]?.tags.map((item) => item.name);
    const detail = (await agent('GET', `/api/v1/tickets/${first?.id}`)).json();
    expect(detail.tags.map((item: { name: string }) => item.name)).toEqual(['1С-интеграция', 'авария']);
    expect(listed).toEqual(['1С-интеграция', 'авария']);
  });

  it('saves views with their counts, personal to their owner and shared by administrators', async () => {
    const query = {
      organizationId: world.baltlog.id,
      severity: ['critical'],
      sort: 'registeredAt',
      direction: 'desc',
    };
    const mine = await agent('POST', '/api/v1/views', { name: 'Критичные Балтлог', query });
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json()).toMatchObject({ shared: false, mayEdit: true, count: 2, query });

    expect((await agent('POST', '/api/v1/views', { name: 'Для всех', query, shared: true })).statusCode).toBe(
      403,
    );
    const shared = await admin('POST', '/api/v1/views', {
      name: 'Мои открытые',
      query: { assigneeId: 'me', status: ['new', 'in_progress'] },
      shared: true,
    });
    expect(shared.statusCode, shared.body).toBe(201);

    const bad = await agent('POST', '/api/v1/views', { name: 'Ошибка', query: { severity: 'ужасная' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('view_query_invalid');
    expect(bad.json().field).toBe('query.severity');

    // "Mine" in a shared view is the reader's: one of the agent's requests shows in their count only.
    const [first] = filed;
    await agent('POST', `/api/v1/tickets/${first?.id}/assignee`, {
      assigneeId: (await agent('GET', '/api/v1/me')).json().principal.id,
    });
    const seenByAgent = (await agent('GET', '/api/v1/views')).json() as {
      id: string;
      count: number;
      name: string;
    }[];
    const seenByAdmin = (await admin('GET', '/api/v1/views')).json() as { id: string; count: number }[];
    // The team's views first (the demo's and this one), then the agent's own.
    expect(seenByAgent.map((view) => view.name)).toEqual([
      'Критичные без исполнителя',
      'Мои открытые',
      'Критичные Балтлог',
    ]);
    expect(seenByAgent.find((view) => view.id === shared.json().id)?.count).toBe(1);
    expect(seenByAdmin.find((view) => view.id === shared.json().id)?.count).toBe(0);
    expect(seenByAdmin.some((view) => view.id === mine.json().id)).toBe(false);

    const renamed = await agent('PATCH', `/api/v1/views/${mine.json().id}`, { name: 'Критичные' });
    expect(renamed.json().name).toBe('Критичные');
    expect((await agent('PATCH', `/api/v1/views/${shared.json().id}`, { name: 'Моё' })).statusCode).toBe(403);
    expect((await agent('DELETE', `/api/v1/views/${mine.json().id}`)).statusCode).toBe(204);
    const left = (await agent('GET', '/api/v1/views')).json() as { id: string }[];
    expect(left.some((view) => view.id === mine.json().id)).toBe(false);
    expect(left).toHaveLength(2);
  });

  // Last: it stores a thousand requests beside the few the tests above count.
  it('counts a broad view up to 999 and says it holds more, as the badge shows "999+"', async () => {
    const [template] = filed;
    await desk.ctx.db.execute(sql`insert into tickets (number, organization_id, contact_id, instance_id,
        certificate_id, level, policy_version, channel, category, subject, description, severity, status,
        registered_at, response_due_at, response_warn_at)
      select 'SD-2025-' || lpad(i::text, 7, '0'), t.organization_id, t.contact_id, t.instance_id,
        t.certificate_id, t.level, t.policy_version, t.channel, t.category, 'Поток ' || i, 'Поток', 'low', 'new',
        t.registered_at, t.response_due_at, t.response_warn_at
      from generate_series(1, ${VIEW_COUNT_CAP + 1}) as i, (select * from tickets where id = ${template?.id}) as t`);
    const broad = await agent('POST', '/api/v1/views', {
      name: 'Все новые низкие',
      query: { status: ['new'], severity: ['low'] },
    });
    expect(broad.statusCode, broad.body).toBe(201);
    expect(broad.json()).toMatchObject({ count: 999, countCapped: true });
    const views = (await agent('GET', '/api/v1/views')).json() as { name: string; countCapped: boolean }[];
    expect(views.find((view) => view.name === 'Мои открытые')).toMatchObject({
      countCapped: false,
    });
  });
});
