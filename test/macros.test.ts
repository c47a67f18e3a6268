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
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface MacroView {
  id: string;
  title: string;
  body: string;
  purpose: string | null;
  shared: boolean;
  mayEdit: boolean;
}

describe.each(databaseBackends)('macros on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let agent: Caller;
  let anna: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, adminSession);
    admin = caller(desk.app, adminSession);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
  });
  afterAll(() => desk.close());

  const macros = async (who: Caller) => {
    const response = await who('GET', '/api/v1/macros');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as MacroView[];
  };
  const create = async (who: Caller, body: Record<string, unknown>) => who('POST', '/api/v1/macros', body);

  it('offers the policy answers as shared macros an administrator edits and nobody deletes', async () => {
    const listed = await macros(agent);
    const infoRequest = listed.find((macro) => macro.purpose === 'info_request');
    const outOfScope = listed.find((macro) => macro.purpose === 'out_of_scope');
    expect(infoRequest).toMatchObject({ shared: true, mayEdit: false });
    expect(infoRequest?.body).toContain('{{contact.name}}');
    expect(infoRequest?.body).toContain('п. 4.5');
    expect(outOfScope?.body).toContain('п. 4.2');
    // Listed twice, kept once.
    expect((await macros(admin)).filter((macro) => macro.purpose === 'info_request')).toHaveLength(1);

    expect((await agent('PATCH', `/api/v1/macros/${infoRequest?.id}`, { title: 'Моё' })).statusCode).toBe(
      403,
    );
    const edited = await admin('PATCH', `/api/v1/macros/${infoRequest?.id}`, {
      body: `${infoRequest?.body}\n- выгрузка настроек модуля маршрутизации.`,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const deleted = await admin('DELETE', `/api/v1/macros/${infoRequest?.id}`);
    expect(deleted.statusCode).toBe(409);
    expect(deleted.json().code).toBe('macro_is_policy_answer');
  });

  it('keeps personal macros to their owner and shared ones to administrators', async () => {
    const refusedShare = await create(agent, { title: 'Для всех', body: 'Текст', shared: true });
    expect(refusedShare.statusCode).toBe(403);
    const own = await create(agent, { title: 'Моя заготовка', body: 'Добрый день, {{contact.name}}!' });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ shared: false, mayEdit: true });
    expect((await macros(admin)).some((macro) => macro.id === own.json().id)).toBe(false);
    expect((await admin('PATCH', `/api/v1/macros/${own.json().id}`, { title: 'Чужая' })).statusCode).toBe(
      404,
    );
    expect((await anna('GET', '/api/v1/macros')).statusCode).toBe(403);

    const unknown = await create(agent, { title: 'Опечатка', body: 'Заявка {{ticket.numbr}}' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'macro_unknown_variable', field: 'body' });
    expect(unknown.json().title).toContain('{{ticket.numbr}}');
    const empty = await create(agent, { title: 'Пусто', body: '' });
    expect(empty.json().code).toBe('macro_empty');
    const badAction = await create(agent, { title: 'X', body: 'Y', actions: { status: 'new' } });
    expect(badAction.statusCode).toBe(400);

    expect((await agent('DELETE', `/api/v1/macros/${own.json().id}`)).statusCode).toBe(204);
    expect((await macros(agent)).some((macro) => macro.id === own.json().id)).toBe(false);
  });

  it('previews a macro with the request filled in and applies the edited text, status and note in one step', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Очередь orders.in не разбирается');
    const made = await create(agent, {
      title: 'Нужны журналы',
      body: '{{contact.name}}, по запросу {{ticket.number}} ({{organization.name}}, {{instance.name}}) пришлите журналы. Ответ был нужен до {{ticket.responseDueAt}}. {{agent.name}}',
      actions: {
        status: 'waiting_for_customer',
        assignee: 'self',
        note: 'Ждём журналы по {{ticket.number}}',
        severity: { value: 'medium', reason: 'Обходной путь есть' },
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const preview = await agent('GET', `/api/v1/tickets/${ticket.id}/macros/${made.json().id}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    const { body, note } = preview.json();
    expect(body).toContain(`по запросу ${ticket.number}`);
    expect(body).toContain('Анна Петрова');
    expect(body).toContain('esb-prod-spb');
    expect(body).toMatch(/до \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d МСК/);
    expect(body).toContain('Ирина Соколова');
    expect(note).toBe(`Ждём журналы по ${ticket.number}`);

    const applied = await agent('POST', `/api/v1/tickets/${ticket.id}/macro`, {
      macroId: made.json().id,
      body: `${body}\nИ версию драйвера.`,
      version: ticket.version,
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'waiting_for_customer', severity: 'medium' });
    expect(applied.json().assigneeId).not.toBeNull();
    const detail = (await agent('GET', `/api/v1/tickets/${ticket.id}`)).json();
    const reply = detail.messages.find((message: { kind: string }) => message.kind === 'reply');
    expect(reply.body).toContain('И версию драйвера.');
    expect(reply.visibility).toBe('public');
    expect(
      detail.messages.some(
        (message: { kind: string; body: string }) => message.kind === 'note' && message.body === note,
      ),
    ).toBe(true);
    expect(detail.firstResponseAt).not.toBeNull();
    expect(detail.autoCloseAt).not.toBeNull();
    expect(
      detail.history.some(
        (event: { after: { macro?: string } | null }) => event.after?.macro === 'Нужны журналы',
      ),
    ).toBe(true);
    // The customer was told once, of the reply.
    const told = await rowsOf<{ count: number }>(
      desk.database.db,
      sql`select count(distinct payload->>'template')::int as count from outbox
          where payload->>'ticketId' = ${ticket.id} and payload->>'template' = 'ticket_reply'`,
    );
    expect(told[0]?.count).toBe(1);
  });

  it('applies the information request with its checklist as edited, and refuses a stale version', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Не стартует адаптер 1С');
    const infoRequest = (await macros(agent)).find((macro) => macro.purpose === 'info_request');
    const preview = (
      await agent('GET', `/api/v1/tickets/${ticket.id}/macros/${infoRequest?.id}/preview`)
    ).json();
    expect(preview.body).toContain('Анна Петрова');
    expect(preview.body).toContain('esb-prod-spb');
    expect(preview.body).toContain('модуля маршрутизации');
    const edited = preview.body.replace(
      '- журналы за период, когда возникла проблема.',
      '- журнал адаптера 1С.',
    );
    const stale = await agent('POST', `/api/v1/tickets/${ticket.id}/macro`, {
      macroId: infoRequest?.id,
      version: ticket.version + 5,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('ticket_changed');
    const applied = await agent('POST', `/api/v1/tickets/${ticket.id}/macro`, {
      macroId: infoRequest?.id,
      body: edited,
    });
    expect(applied.json().status).toBe('waiting_for_customer');
    const detail = (await agent('GET', `/api/v1/tickets/${ticket.id}`)).json();
    const asked = detail.messages.find((message: { kind: string }) => message.kind === 'info_request');
    expect(asked.body).toContain('- журнал адаптера 1С.');
    expect(asked.body).not.toContain('когда возникла проблема');
  });

  it('refuses a macro on a closed request and the out-of-scope answer on a problem, changing nothing', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Закрытый запрос');
    const all = await macros(agent);
    const outOfScope = all.find((macro) => macro.purpose === 'out_of_scope');
    const onProblem = await agent('POST', `/api/v1/tickets/${ticket.id}/macro`, { macroId: outOfScope?.id });
    expect(onProblem.statusCode).toBe(400);
    expect(onProblem.json().code).toBe('out_of_scope_needs_consultation');
    expect((await agent('POST', `/api/v1/tickets/${ticket.id}/close`, {})).statusCode).toBe(200);
    const reply = await create(agent, { title: 'Ответ', body: 'Готово', actions: { tagIds: [] } });
    const before = (await agent('GET', `/api/v1/tickets/${ticket.id}`)).json();
    const refused = await agent('POST', `/api/v1/tickets/${ticket.id}/macro`, { macroId: reply.json().id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'transition_not_allowed' });
    expect(refused.json().title).toContain('Закрыт');
    const after = (await agent('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.version).toBe(before.version);
  });
});
