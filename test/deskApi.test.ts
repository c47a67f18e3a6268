import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  demoWorld,
  instanceNamed,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

describe.each(databaseBackends)('what the web app needs of the API, on $name', (backend) => {
  let desk: TestDesk;
  let ticketId: string;

  beforeAll(async () => {
    // This file signs in often; the limit on sign-in attempts has tests of its own.
    desk = await openTestDesk(backend, { LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => desk?.close());

  it('gives every ticket its response countdown: time left on its clock, and whether the clock runs now', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const created = await anna('POST', '/api/v1/tickets', {
      instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
      severity: 'high',
      subject: 'Очередь не разбирается',
      description: 'Сообщения копятся.',
    });
    expect(created.statusCode, created.body).toBe(201);
    ticketId = created.json().id;
    expect(created.json().countdown).toEqual({ remainingMs: 12 * 3_600_000, used: 0, running: true });

    // Tuesday 20:00 Moscow time: the business clock stands still, six hours used.
    desk.clock.set(new Date('2026-11-24T17:00:00Z'));
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    const [item] = (await irina('GET', '/api/v1/tickets')).json().items;
    expect(item.countdown).toEqual({ remainingMs: 6 * 3_600_000, used: 0.5, running: false });
    const detail = (await irina('GET', `/api/v1/tickets/${ticketId}`)).json();
    expect(detail.sla).toMatchObject({ remainingMs: 6 * 3_600_000, running: false, breached: false });

    const replied = await irina('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Смотрим.' });
    expect(replied.statusCode, replied.body).toBe(201);
    expect((await irina('GET', `/api/v1/tickets/${ticketId}`)).json().countdown).toBeNull();
  });

  it('lists the support team for assigning, to support only', async () => {
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    const agents = (await irina('GET', '/api/v1/agents')).json();
    expect(agents.map((agent: { email: string }) => agent.email)).toContain(
      'irina.sokolova@supportdesk.example',
    );
    expect(agents[0]).not.toHaveProperty('passwordHash');
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    expect((await anna('GET', '/api/v1/agents')).statusCode).toBe(403);
  });

  it('shows administrators the delivery log, with each entry’s state', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const log = (await admin('GET', '/api/v1/outbox?limit=10')).json();
    const acknowledgements = log.filter(
      (entry: { payload: { template?: string } }) => entry.payload.template === 'ticket_acknowledged',
    );
    // One delivery per channel: in the desk and by mail (the acknowledgement is not pushed to Telegram).
    expect(acknowledgements.map((entry: { topic: string }) => entry.topic).sort()).toEqual([
      'notice.inapp',
      'notice.mail',
    ]);
    for (const entry of acknowledgements) expect(entry).toMatchObject({ state: 'pending', attempts: 0 });
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    expect((await irina('GET', '/api/v1/outbox')).statusCode).toBe(403);
  });

  it('lets a person set their language, and the desk then answers in it', async () => {
    const session = await signIn(desk.app, ...STANDARD_CONTACT);
    const anna = caller(desk.app, session);
    const changed = await anna('PATCH', '/api/v1/me', { language: 'en' });
    expect(changed.json()).toEqual({ language: 'en' });
    expect((await anna('GET', '/api/v1/me')).json().principal.language).toBe('en');
    const refused = await desk.app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { language: 'de' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().field).toBe('language');
    expect(refused.json().title).toBe('The request has invalid fields.');
    await anna('PATCH', '/api/v1/me', { language: 'ru' });
  });

  it('changes a password only against the current one, and ends the other sessions', async () => {
    const current = await signIn(desk.app, ...STANDARD_CONTACT);
    const other = await signIn(desk.app, ...STANDARD_CONTACT);
    const anna = caller(desk.app, current);
    const wrong = await anna('POST', '/api/v1/me/password', {
      currentPassword: 'not-the-password',
      newPassword: 'a-new-password-2026',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'current_password_wrong', field: 'currentPassword' });
    const short = await anna('POST', '/api/v1/me/password', {
      currentPassword: STANDARD_CONTACT[1],
      newPassword: 'short',
    });
    expect(short.json().field).toBe('newPassword');

    const changed = await anna('POST', '/api/v1/me/password', {
      currentPassword: STANDARD_CONTACT[1],
      newPassword: 'a-new-password-2026',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await anna('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await caller(desk.app, other)('GET', '/api/v1/me')).statusCode).toBe(401);
    const oldPassword = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: STANDARD_CONTACT[0], password: STANDARD_CONTACT[1] },
    });
    expect(oldPassword.statusCode).toBe(401);
    await signIn(desk.app, STANDARD_CONTACT[0], 'a-new-password-2026');
    const audit = (
      await caller(desk.app, await signIn(desk.app, ...ADMIN))('GET', '/api/v1/audit-events?entity=contact')
    ).json();
    expect(JSON.stringify(audit)).not.toContain('a-new-password-2026');
  });
});
