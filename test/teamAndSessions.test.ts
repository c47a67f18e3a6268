import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/accounts/auth.js';
import { databaseBackends } from './support/databases.js';
import { ADMIN, type Caller, caller, openTestDesk, signIn, type TestDesk } from './support/testDesk.js';

const NEW_AGENT = ['oleg.belov@supportdesk.example', 'agent-oleg-2026-pass'] as const;

describe.each(databaseBackends)('the team and everyone’s own sessions on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let olegId: string;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
  });
  afterAll(() => desk.close());

  const bearer = (token: string) =>
    desk.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  it('adds a support account while the desk runs, by an administrator only', async () => {
    const created = await admin('POST', '/api/v1/agents', {
      name: 'Олег Белов',
      email: NEW_AGENT[0],
      role: 'agent',
      password: NEW_AGENT[1],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Олег Белов', role: 'agent', active: true });
    olegId = created.json().id;
    const oleg = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    expect((await oleg('GET', '/api/v1/me')).json().principal.id).toBe(olegId);
    const byAgent = await oleg('POST', '/api/v1/agents', {
      name: 'X',
      email: 'x@supportdesk.example',
      role: 'admin',
      password: 'long-enough-password',
    });
    expect(byAgent.statusCode).toBe(403);
    const again = await admin('POST', '/api/v1/agents', {
      name: 'Дубль',
      email: NEW_AGENT[0],
      role: 'agent',
      password: NEW_AGENT[1],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('email_taken');
  });

  it('ends a deactivated account’s session and token at once, and lets it back without the token', async () => {
    const oleg = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    const { token } = await createApiToken(
      desk.ctx,
      { type: 'system', name: 'test' },
      { email: NEW_AGENT[0], name: 'CRM' },
    );
    expect((await bearer(token)).statusCode).toBe(200);

    const deactivated = await admin('PATCH', `/api/v1/agents/${olegId}`, { active: false });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect((await oleg('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer(token)).statusCode).toBe(401);
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: NEW_AGENT[0], password: NEW_AGENT[1] },
    });
    expect(refused.statusCode).toBe(401);

    expect(
      (await admin('PATCH', `/api/v1/agents/${olegId}`, { active: true, role: 'partner' })).json(),
    ).toMatchObject({
      active: true,
      role: 'partner',
    });
    const back = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    expect((await back('GET', '/api/v1/me')).json().principal.role).toBe('partner');
    // A token revoked by the deactivation stays revoked.
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('keeps one active administrator, and lets only administrators change accounts', async () => {
    const adminId = (await admin('GET', '/api/v1/me')).json().principal.id;
    const demote = await admin('PATCH', `/api/v1/agents/${adminId}`, { role: 'agent' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json()).toMatchObject({ code: 'last_admin' });
    expect(demote.json().title).toContain('последний');
    const oleg = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    expect((await oleg('PATCH', `/api/v1/agents/${adminId}`, { active: false })).statusCode).toBe(403);
    expect(
      (await admin('PATCH', '/api/v1/agents/00000000-0000-4000-8000-000000000000', { name: 'X' })).statusCode,
    ).toBe(404);
  });

  it('shows a person their own sessions and ends the others', async () => {
    const here = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    const laptop = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    const phone = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    const listed = (await here('GET', '/api/v1/me/sessions')).json() as { id: string; current: boolean }[];
    expect(listed.filter((session) => session.current)).toHaveLength(1);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    const laptopId = (await laptop('GET', '/api/v1/me/sessions'))
      .json()
      .find((session: { current: boolean }) => session.current).id;
    // Another person's session is not theirs to end.
    expect((await admin('DELETE', `/api/v1/me/sessions/${laptopId}`)).statusCode).toBe(404);
    expect((await here('DELETE', `/api/v1/me/sessions/${laptopId}`)).statusCode).toBe(204);
    expect((await laptop('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await phone('GET', '/api/v1/me')).statusCode).toBe(200);

    const others = await here('DELETE', '/api/v1/me/sessions');
    expect(others.json().ended).toBeGreaterThanOrEqual(1);
    expect((await phone('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await here('GET', '/api/v1/me')).statusCode).toBe(200);
    expect((await here('GET', '/api/v1/me/sessions')).json()).toHaveLength(1);
    expect((await admin('GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it("keeps each person's API tokens to them: made with a name, shown once, revoked for good", async () => {
    const oleg = caller(desk.app, await signIn(desk.app, ...NEW_AGENT));
    const made = await oleg('POST', '/api/v1/me/tokens', { name: 'CRM' });
    expect(made.statusCode, made.body).toBe(201);
    const { id, token } = made.json();
    expect((await bearer(token)).json().principal.id).toBe(olegId);
    const listed = (await oleg('GET', '/api/v1/me/tokens')).json() as {
      id: string;
      name: string;
      lastUsedAt: string | null;
    }[];
    const entry = listed.find((row) => row.id === id);
    expect(entry).toMatchObject({ name: 'CRM' });
    expect(entry?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    // Another person's token is not theirs to see or revoke.
    expect(
      ((await admin('GET', '/api/v1/me/tokens')).json() as { id: string }[]).some((row) => row.id === id),
    ).toBe(false);
    expect((await admin('DELETE', `/api/v1/me/tokens/${id}`)).statusCode).toBe(404);
    expect((await oleg('DELETE', `/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer(token)).statusCode).toBe(401);
    expect((await oleg('DELETE', `/api/v1/me/tokens/${id}`)).statusCode).toBe(404);
    expect((await oleg('POST', '/api/v1/me/tokens', { name: '' })).statusCode).toBe(400);
  });
});
