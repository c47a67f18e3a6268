import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

/** Sends a change as an agent would, with the version they saw in If-Match and a key for its retries. */
function change(
  app: FastifyInstance,
  session: Session,
  url: string,
  body: unknown,
  version?: number,
  idempotencyKey?: string,
) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'accept-language': 'ru',
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
      ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    },
    payload: body as Record<string, unknown>,
  });
}

describe.each(databaseBackends)('two changes of one request at once, on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let irina: Session;
  let anna: ReturnType<typeof caller>;

  const fileRequest = (subject: string) => fileOnBaltlog(anna, world, subject);

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    irina = await signIn(desk.app, ...AGENT);
  });
  afterAll(() => desk?.close());

  it.each([
    ['split', '/split', { parts: [{ subject: 'Часть', severity: 'medium', messageIds: [] }] }, 201],
    ['close', '/close', { reason: 'Решено по телефону' }, 200],
    ['severity change', '/severity', { severity: 'critical', reason: 'Остановлен прод' }, 200],
  ])(
    'lets one %s of two made on the same version succeed, and answers the other 409',
    async (_name, path, body, ok) => {
      const ticket = await fileRequest(`Одновременно: ${path}`);
      const url = `/api/v1/tickets/${ticket.id}${path}`;
      const answers = await Promise.all([
        change(desk.app, irina, url, body, ticket.version),
        change(desk.app, irina, url, body, ticket.version),
      ]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([ok, 409].sort());
      const refused = answers.find((answer) => answer.statusCode === 409);
      expect(refused?.json()).toMatchObject({
        code: 'ticket_changed',
        title: expect.stringMatching(/изменил/),
      });
    },
  );

  it('refuses an identical split sent twice at once without a version or key, naming what the first made', async () => {
    const ticket = await fileRequest('Двойное разделение');
    const url = `/api/v1/tickets/${ticket.id}/split`;
    const parts = {
      parts: [
        { subject: 'Первая часть', severity: 'medium', messageIds: [] },
        { subject: 'Вторая часть', severity: 'low', messageIds: [] },
      ],
    };
    const answers = await Promise.all([
      change(desk.app, irina, url, parts),
      change(desk.app, irina, url, parts),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
    const made = answers.find((answer) => answer.statusCode === 201)?.json();
    const refused = answers.find((answer) => answer.statusCode === 409)?.json();
    expect(refused).toMatchObject({ code: 'split_repeated', field: 'parts' });
    for (const part of made) expect(refused.title).toContain(part.number);
    const original = (await caller(desk.app, irina)('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(original.splitInto).toHaveLength(2);

    // A different split is not a repeat; the same one with the version seen is meant and goes through.
    const other = await change(desk.app, irina, url, {
      parts: [{ subject: 'Третья часть', severity: 'low', messageIds: [] }],
    });
    expect(other.statusCode, other.body).toBe(201);
    const seen = (await caller(desk.app, irina)('GET', `/api/v1/tickets/${ticket.id}`)).json();
    const meant = await change(desk.app, irina, url, parts, seen.version);
    expect(meant.statusCode, meant.body).toBe(201);
  });

  it('answers a retried change with the first answer under the same Idempotency-Key, doing it once', async () => {
    const ticket = await fileRequest('Повтор с ключом');
    const split = `/api/v1/tickets/${ticket.id}/split`;
    const parts = { parts: [{ subject: 'Отдельно', severity: 'high', messageIds: [] }] };
    const first = await change(desk.app, irina, split, parts, undefined, 'split-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await change(desk.app, irina, split, parts, undefined, 'split-key-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const reused = await change(
      desk.app,
      irina,
      split,
      { parts: [{ ...parts.parts[0], subject: 'Иначе' }] },
      undefined,
      'split-key-1',
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    const original = (await caller(desk.app, irina)('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(original.splitInto).toHaveLength(1);

    // A resolution retried after its answer was lost gets that answer, not "already resolved".
    const resolve = `/api/v1/tickets/${ticket.id}/resolve`;
    const resolved = await change(desk.app, irina, resolve, { body: 'Исправлено' }, undefined, 'resolve-key');
    expect(resolved.statusCode, resolved.body).toBe(200);
    const again = await change(desk.app, irina, resolve, { body: 'Исправлено' }, undefined, 'resolve-key');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(resolved.json());
    const unkeyed = await change(desk.app, irina, resolve, { body: 'Исправлено' });
    expect(unkeyed.json()).toMatchObject({ code: 'transition_not_allowed' });

    // Keys are the caller's own: another agent's identical key is another write.
    const other = await signIn(desk.app, ...ADMIN);
    const theirs = await change(desk.app, other, resolve, { body: 'Исправлено' }, undefined, 'resolve-key');
    expect(theirs.statusCode).toBe(409);
    expect(theirs.json()).toMatchObject({ code: 'transition_not_allowed' });
  });

  it('refuses a malformed Idempotency-Key on a change before doing anything', async () => {
    const ticket = await fileRequest('Плохой ключ');
    const answer = await change(
      desk.app,
      irina,
      `/api/v1/tickets/${ticket.id}/severity`,
      { severity: 'critical', reason: 'Срочно' },
      undefined,
      'has spaces in it',
    );
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors[0].message).toContain('Idempotency-Key');
  });

  it('moves the version on with every change, takes it in the body too, and refuses a stale one', async () => {
    const ticket = await fileRequest('Версии запроса');
    const url = `/api/v1/tickets/${ticket.id}/assignee`;
    const irinaId = (await caller(desk.app, irina)('GET', '/api/v1/me')).json().principal.id;
    const first = await change(desk.app, irina, url, { assigneeId: irinaId, version: ticket.version });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(ticket.version + 1);
    const stale = await change(desk.app, irina, url, { assigneeId: null, version: ticket.version });
    expect(stale.statusCode).toBe(409);
    const unversioned = await change(desk.app, irina, url, { assigneeId: null });
    expect(unversioned.statusCode).toBe(200);
    expect(unversioned.json().version).toBe(ticket.version + 2);
    const badHeader = await desk.app.inject({
      method: 'POST',
      url,
      headers: { cookie: irina.cookie, 'x-csrf-token': irina.csrfToken, 'if-match': 'soon' },
      payload: { assigneeId: null },
    });
    expect(badHeader.statusCode).toBe(400);
  });
});
