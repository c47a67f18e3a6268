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

/** Sends a change as an agent would, with the version they saw in If-Match. */
function change(app: FastifyInstance, session: Session, url: string, body: unknown, version?: number) {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'accept-language': 'ru',
      ...(version === undefined ? {} : { 'if-match': `"${version}"` }),
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
