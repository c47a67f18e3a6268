import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, listApiTokens, revokeApiToken } from '../src/app/accounts/auth.js';
import { agents, sessions } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  openTestDesk,
  PARTNER,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

describe.each(databaseBackends)('sign-in, sessions and tokens on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(backend, {
      LOGIN_RATE_LIMIT: '1000',
      PUBLIC_URL: 'https://support.example.com',
    });
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
  });
  afterAll(() => desk?.close());

  const login = (email: string, password: string) =>
    desk.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

  it('stores passwords as argon2id hashes', async () => {
    const [admin] = await desk.database.db.select().from(agents).where(eq(agents.email, ADMIN[0]));
    expect(admin?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('sets an httpOnly, SameSite, Secure session cookie and keeps only its digest', async () => {
    const response = await login(...ADMIN);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'sd_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    const stored = await desk.database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    expect(stored.some((row) => row.tokenHash === cookie?.value)).toBe(false);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.tokenHash))).toBe(true);
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const wrong = await login(ADMIN[0], 'not-the-password');
    const unknown = await login('nobody@example.com', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials' });
    // The same answer but for the id each request is logged under.
    const { requestId: _unknownId, ...unknownAnswer } = unknown.json();
    const { requestId: _wrongId, ...wrongAnswer } = wrong.json();
    expect(unknownAnswer).toEqual(wrongAnswer);
    expect(wrong.cookies).toHaveLength(0);
  });

  it('needs the CSRF token for a write made with the session cookie', async () => {
    const session = await signIn(desk.app, ...ADMIN);
    const write = (csrf?: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: { cookie: session.cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
        payload: { name: `ООО «Проверка ${csrf ?? 'без'}»` },
      });
    expect((await write()).json()).toMatchObject({ code: 'csrf_token_invalid' });
    expect((await write('forged')).statusCode).toBe(403);
    expect((await write(session.csrfToken)).statusCode).toBe(201);
  });

  it('tells who is signed in and ends the session on logout', async () => {
    const session = await signIn(desk.app, ...STANDARD_CONTACT);
    const call = caller(desk.app, session);
    expect((await call('GET', '/api/v1/me')).json()).toMatchObject({
      principal: {
        type: 'contact',
        role: 'contact',
        email: STANDARD_CONTACT[0],
        organizationId: world.baltlog.id,
        // What the screens show comes from the server: the portal's pages, nothing to administer.
        areas: ['home', 'newRequest', 'requests', 'releases', 'policy', 'documentation', 'profile'],
        abilities: [],
      },
      csrfToken: session.csrfToken,
    });
    const partner = (await caller(desk.app, await signIn(desk.app, ...PARTNER))('GET', '/api/v1/me')).json();
    expect(partner.principal.areas).toContain('queue');
    expect(partner.principal.areas).not.toContain('reports');
    expect(partner.principal.abilities).toEqual([]);
    expect((await call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await call('GET', '/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('expires an idle session after its lifetime', async () => {
    const call = caller(desk.app, await signIn(desk.app, ...AGENT));
    expect((await call('GET', '/api/v1/me')).statusCode).toBe(200);
    desk.clock.advance(12 * 3_600_000 + 1);
    expect((await call('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('lets agents and partners read but only administrators write entitlements', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const partnerId = (await caller(desk.app, await signIn(desk.app, ...PARTNER))('GET', '/api/v1/me')).json()
      .principal.id;
    await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, {
      organizationIds: [world.uralenergo.id],
    });
    for (const [email, password] of [AGENT, PARTNER]) {
      const call = caller(desk.app, await signIn(desk.app, email, password));
      expect((await call('GET', `/api/v1/organizations/${world.uralenergo.id}`)).statusCode).toBe(200);
      const write = await call('POST', '/api/v1/products', { code: 'BI', name: 'BI' });
      expect(write.statusCode).toBe(403);
      expect(write.json()).toMatchObject({ code: 'forbidden' });
    }
    await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, { organizationIds: [] });
  });

  it('shows a partner engineer only the customers assigned to them (§2.6), records and requests alike', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const partner = caller(desk.app, await signIn(desk.app, ...PARTNER));
    const partnerId = (await partner('GET', '/api/v1/me')).json().principal.id;
    await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, {
      organizationIds: [world.uralenergo.id],
    });
    const listed = (await partner('GET', '/api/v1/organizations')).json();
    expect(listed.map((organization: { id: string }) => organization.id)).toEqual([world.uralenergo.id]);
    expect((await partner('GET', `/api/v1/organizations/${world.baltlog.id}`)).statusCode).toBe(404);
    const foreignContact = world.baltlog.contacts[0]?.id;
    expect((await partner('GET', `/api/v1/contacts/${foreignContact}`)).statusCode).toBe(404);
    expect((await partner('GET', `/api/v1/instances/${world.baltlog.instances[0]?.id}`)).statusCode).toBe(
      404,
    );
    const filed = await partner('POST', '/api/v1/tickets', {
      contactId: foreignContact,
      instanceId: world.baltlog.instances[0]?.id,
      severity: 'low',
      subject: 'On behalf',
      description: 'Filed by a partner for a customer not theirs',
    });
    expect(filed.statusCode).toBe(404);
    await admin('PUT', `/api/v1/partners/${partnerId}/organizations`, { organizationIds: [] });
  });

  it('locks out a deactivated contact at once, session and sign-in alike', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const session = await signIn(desk.app, 'sergey.ivanov@uralenergo.example', 'contact-demo-2026');
    const sergey = world.uralenergo.contacts.find(
      (contact) => contact.email === 'sergey.ivanov@uralenergo.example',
    );
    expect((await admin('PATCH', `/api/v1/contacts/${sergey?.id}`, { active: false })).statusCode).toBe(200);
    expect((await caller(desk.app, session)('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await login('sergey.ivanov@uralenergo.example', 'contact-demo-2026')).statusCode).toBe(401);
    await admin('PATCH', `/api/v1/contacts/${sergey?.id}`, { active: true });
  });

  it('accepts an API token as Bearer, without CSRF, and nothing else that looks like one', async () => {
    const { token } = await createApiToken(
      desk.ctx,
      { type: 'system', name: 'test' },
      {
        email: ADMIN[0],
        name: 'integration',
      },
    );
    expect(token).toMatch(/^sdt_/);
    const bearer = (value: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: { authorization: `Bearer ${value}` },
        payload: { code: 'PORTAL', name: 'Portal' },
      });
    const created = await bearer(token);
    expect(created.statusCode, created.body).toBe(201);
    expect((await bearer(`${token}x`)).statusCode).toBe(401);
    expect((await bearer('sdt_guess')).statusCode).toBe(401);

    const [listed] = await listApiTokens(desk.ctx, ADMIN[0]);
    expect(listed?.lastUsedAt?.toISOString()).toBe(desk.clock.now().toISOString());
    await revokeApiToken(desk.ctx, { type: 'system', name: 'test' }, listed?.id ?? '');
    expect((await bearer(token)).statusCode).toBe(401);
  });

  it('answers 401 to every API operation without credentials', async () => {
    const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const id = world.baltlog.id;
    const open: string[] = [];
    type Operation = { operationId: string; security?: unknown[] };
    for (const [path, operations] of Object.entries<Record<string, Operation>>(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security?.length === 0) {
          open.push(operation.operationId);
          continue;
        }
        const url = path.replace(/\{[^}]+\}/g, id);
        const response = await desk.app.inject({ method: method.toUpperCase() as 'GET', url, payload: {} });
        expect(response.statusCode, `${method} ${path}`).toBe(401);
        expect(response.json(), `${method} ${path}`).toMatchObject({ code: 'unauthenticated' });
      }
    }
    // Only signing in (by password or single sign-on), setting a forgotten password and a mail's signed
    // rating link are open.
    expect(open.sort()).toEqual([
      'commentByLink',
      'confirmPasswordReset',
      'finishSingleSignOn',
      'getSignInMethods',
      'login',
      'rateByLink',
      'requestPasswordReset',
      'startSingleSignOn',
    ]);
  });
});

describe('login rate limit', () => {
  const [backend] = databaseBackends;
  it('answers 429 in the reader language once an address has used up its attempts', async () => {
    if (!backend) throw new Error('no database backend');
    const desk = await openTestDesk(backend, { LOGIN_RATE_LIMIT: '3' });
    try {
      const attempt = () =>
        desk.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'accept-language': 'ru' },
          payload: { email: ADMIN[0], password: 'wrong-password' },
        });
      for (let count = 0; count < 3; count += 1) expect((await attempt()).statusCode).toBe(401);
      const limited = await attempt();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBeDefined();
      expect(limited.json()).toMatchObject({ code: 'rate_limited' });
      expect(limited.json().title).toMatch(/^Слишком много попыток/);
    } finally {
      await desk.close();
    }
  });
});
