import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import { fileForm } from './support/multipart.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  instanceNamed,
  openTestDesk,
  PARTNER,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface Found {
  id: string;
  number: string;
  match: {
    subject: { text: string; hit: boolean }[];
    snippet: { text: string; hit: boolean }[] | null;
    source: string | null;
  };
}

describe.each(databaseBackends)('search on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let sessions: Record<'admin' | 'agent' | 'partner' | 'anna' | 'sergey', Session>;
  let annaQueue: { id: string; number: string };
  let sergeyLicenses: { id: string; number: string };

  const search = async (who: keyof typeof sessions, q: string, extra = '') => {
    const response = await caller(desk.app, sessions[who])(
      'GET',
      `/api/v1/tickets?q=${encodeURIComponent(q)}${extra}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Found[];
  };
  const ids = (found: Found[]) => found.map((ticket) => ticket.id);

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const admin = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, admin);
    sessions = {
      admin,
      agent: await signIn(desk.app, ...AGENT),
      partner: await signIn(desk.app, ...PARTNER),
      anna: await signIn(desk.app, ...STANDARD_CONTACT),
      sergey: await signIn(desk.app, ...EXTENDED_CONTACT),
    };
    const file = fileForm('dump-orders.log', Buffer.from('2026-11-24 ERROR orders.in stalled\n'));
    const uploaded = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: {
        cookie: sessions.anna.cookie,
        'x-csrf-token': sessions.anna.csrfToken,
        'content-type': file.contentType,
      },
      payload: file.payload,
    });
    annaQueue = (
      await caller(desk.app, sessions.anna)('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'high',
        subject: 'Не отвечает сервер очередей',
        description: 'После обновления очередь заказов стоит, сообщения копятся.',
        attachmentIds: [uploaded.json().id],
      })
    ).json();
    const agent = caller(desk.app, sessions.agent);
    await agent('POST', `/api/v1/tickets/${annaQueue.id}/messages`, {
      body: 'Перезапустите адаптер и пришлите журнал.',
      visibility: 'public',
    });
    await agent('POST', `/api/v1/tickets/${annaQueue.id}/messages`, {
      body: 'Внутренняя заметка: у клиента просрочен платёж.',
      visibility: 'internal',
    });
    sergeyLicenses = (
      await caller(desk.app, sessions.sergey)('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb'),
        severity: 'medium',
        subject: 'Сервер лицензий недоступен',
        description: 'Servers refuse the license check since the morning.',
      })
    ).json();
    // The partner engineer works for Uralenergo only.
    const partnerId = (await caller(desk.app, sessions.partner)('GET', '/api/v1/me')).json().principal.id;
    const assigned = await caller(desk.app, admin)('PUT', `/api/v1/partners/${partnerId}/organizations`, {
      organizationIds: [world.uralenergo.id],
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
  });
  afterAll(() => desk?.close());

  it('finds a word in another of its forms, in Russian and in English', async () => {
    expect(ids(await search('agent', 'серверов'))).toEqual(
      expect.arrayContaining([annaQueue.id, sergeyLicenses.id]),
    );
    expect(ids(await search('agent', 'server'))).toEqual([sergeyLicenses.id]);
    const [hit] = await search('agent', 'очередях');
    expect(hit?.id).toBe(annaQueue.id);
    expect(hit?.match.subject.filter((part) => part.hit).map((part) => part.text)).toEqual(['очередей']);
  });

  it('reads a phrase, a word to leave out, and OR', async () => {
    expect(ids(await search('agent', '"очередь заказов"'))).toEqual([annaQueue.id]);
    expect(ids(await search('agent', '"заказов очередь"'))).toEqual([]);
    expect(ids(await search('agent', 'сервер -лицензий'))).toEqual([annaQueue.id]);
    expect(ids(await search('agent', 'адаптер OR лицензий')).sort()).toEqual(
      [annaQueue.id, sergeyLicenses.id].sort(),
    );
    const [fromReply] = await search('agent', 'адаптера');
    expect(fromReply?.match.source).toBe('message');
    expect(fromReply?.match.snippet?.some((part) => part.hit && part.text === 'адаптер')).toBe(true);
  });

  it('finds a request by its number, by a part of a word, and by a file name', async () => {
    const [byNumber] = await search('agent', annaQueue.number.toLowerCase());
    expect(byNumber?.id).toBe(annaQueue.id);
    expect(ids(await search('agent', annaQueue.number.slice(-5)))).toContain(annaQueue.id);
    expect(ids(await search('agent', 'лиценз'))).toEqual([sergeyLicenses.id]);
    const [byFile] = await search('anna', 'dump-orders');
    expect(byFile).toMatchObject({ id: annaQueue.id, match: { source: 'attachment' } });
    const opened = await caller(desk.app, sessions.agent)(
      'GET',
      `/api/v1/ticket-numbers/${annaQueue.number}`,
    );
    expect(opened.statusCode).toBe(200);
    expect(opened.json().id).toBe(annaQueue.id);
    const badNumber = await caller(desk.app, sessions.agent, 'ru')('GET', '/api/v1/ticket-numbers/SD-26-1');
    expect(badNumber.statusCode).toBe(400);
    expect(JSON.stringify(badNumber.json())).toContain('Номер запроса пишется так');
  });

  it("shows each reader only what they may see: a contact never another organization's request or an internal note", async () => {
    expect(ids(await search('anna', 'сервер'))).toEqual([annaQueue.id]);
    expect(ids(await search('sergey', 'сервер'))).toEqual([sergeyLicenses.id]);
    expect(ids(await search('anna', 'лицензий'))).toEqual([]);
    expect(ids(await search('anna', 'платёж'))).toEqual([]);
    expect(ids(await search('agent', 'платёж'))).toEqual([annaQueue.id]);
    expect(ids(await search('admin', 'платёж'))).toEqual([annaQueue.id]);
    expect(ids(await search('partner', 'сервер'))).toEqual([sergeyLicenses.id]);
    expect(ids(await search('partner', annaQueue.number))).toEqual([]);
    const foreign = await caller(desk.app, sessions.sergey)(
      'GET',
      `/api/v1/ticket-numbers/${annaQueue.number}`,
    );
    expect(foreign.statusCode).toBe(404);
  });

  it('narrows by the queue filters and pages through the results', async () => {
    expect(ids(await search('agent', 'сервер', '&severity=medium'))).toEqual([sergeyLicenses.id]);
    expect(ids(await search('agent', 'сервер', `&organizationId=${world.baltlog.id}`))).toEqual([
      annaQueue.id,
    ]);
    const first = await caller(desk.app, sessions.agent)('GET', '/api/v1/tickets?q=сервер&limit=1');
    const second = await caller(desk.app, sessions.agent)(
      'GET',
      `/api/v1/tickets?q=сервер&limit=1&cursor=${first.json().nextCursor}`,
    );
    expect([first.json().items[0].id, second.json().items[0].id].sort()).toEqual(
      [annaQueue.id, sergeyLicenses.id].sort(),
    );
    expect(second.json().nextCursor).toBeNull();
    const forged = Buffer.from('search|1|yesterday|nobody').toString('base64url');
    const refused = await caller(desk.app, sessions.agent)(
      'GET',
      `/api/v1/tickets?q=сервер&cursor=${forged}`,
    );
    expect(refused.json()).toMatchObject({ code: 'cursor_invalid', field: 'cursor' });
  });
});
