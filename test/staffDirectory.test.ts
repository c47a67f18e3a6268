import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/accounts/auth.js';
import { syncDirectoryStaff } from '../src/app/accounts/staffDirectory.js';
import { agents, outbox } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { type Slapd, startSlapd } from './support/slapd.js';
import {
  ADMIN,
  type Caller,
  caller,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const ELENA = ['elena.markova@vendor.test', 'elena-directory-2026'] as const;
const BORIS = ['boris.lee@vendor.test', 'boris-directory-2026'] as const;
const OLGA = ['olga.ivanova@vendor.test', 'olga-directory-2026'] as const;

describe.each(databaseBackends)('staff sign-in with the company LDAP directory on $name', (backend) => {
  let slapd: Slapd;
  let desk: TestDesk;
  let admin: Caller;

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.addPerson('emarkova', 'Елена Маркова', ELENA[0], ELENA[1]);
    await slapd.addToGroup('support', 'emarkova');
    await slapd.addPerson('blee', 'Boris Lee', BORIS[0], BORIS[1]);
    await slapd.addToGroup('accounting', 'blee');
    await slapd.addPerson('oivanova', 'Ольга Иванова', OLGA[0], OLGA[1]);
    await slapd.addToGroup('support', 'oivanova');
    await slapd.addToGroup('support-admins', 'oivanova');
    desk = await openTestDesk(backend, { ...slapd.environment, LOGIN_RATE_LIMIT: '1000' });
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'en');
  });
  afterAll(async () => {
    await desk?.close();
    await slapd?.stop();
  });

  const login = (email: string, password: string) =>
    desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      headers: { 'accept-language': 'en' },
    });
  const agentRow = async (email: string) =>
    (await desk.database.db.select().from(agents).where(eq(agents.email, email)))[0];

  it('signs a staff member in with the directory password, making their account with the role their groups give', async () => {
    expect(await agentRow(ELENA[0])).toBeUndefined();
    const signedIn = await login(...ELENA);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().principal).toMatchObject({ name: 'Елена Маркова', role: 'agent' });
    expect(await agentRow(ELENA[0])).toMatchObject({
      directory: 'ldap',
      directoryId: 'uid=emarkova,ou=people,dc=vendor,dc=test',
      passwordHash: null,
    });
    const olga = await login(...OLGA);
    expect(olga.json().principal.role).toBe('admin');
  });

  it('refuses a wrong directory password and someone in no mapped group alike', async () => {
    const wrong = await login(ELENA[0], 'not-her-password-2026');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_credentials');
    const outsider = await login(...BORIS);
    expect(outsider.statusCode).toBe(401);
    expect(outsider.json().code).toBe('invalid_credentials');
    expect(await agentRow(BORIS[0])).toBeUndefined();
  });

  it('keeps local passwords for contacts and for local staff accounts', async () => {
    await signIn(desk.app, ...STANDARD_CONTACT);
    await signIn(desk.app, ...ADMIN);
  });

  it('leaves a directory password to the directory: no reset by mail, no change in the profile', async () => {
    const elena = caller(desk.app, await signIn(desk.app, ...ELENA), 'en');
    const reset = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: ELENA[0] },
    });
    expect(reset.statusCode).toBe(202);
    expect(
      await desk.database.db.select().from(outbox).where(eq(outbox.topic, 'mail.account_link')),
    ).toHaveLength(0);
    const changed = await elena('POST', '/api/v1/me/password', {
      currentPassword: ELENA[1],
      newPassword: 'a-local-password-2026',
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('directory_account');
  });

  it('takes over a role change at the sync, and deactivates someone who left every group at once', async () => {
    await slapd.removeFromGroup('support', 'emarkova');
    await slapd.addToGroup('partners', 'emarkova');
    expect(await syncDirectoryStaff(desk.ctx)).toMatchObject({ updated: 1, deactivated: 0 });
    expect((await agentRow(ELENA[0]))?.role).toBe('partner');

    const elena = caller(desk.app, await signIn(desk.app, ...ELENA), 'en');
    const { token } = await createApiToken(
      desk.ctx,
      { type: 'system', name: 'test' },
      { email: ELENA[0], name: 'x' },
    );
    const bearer = () =>
      desk.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect((await bearer()).statusCode).toBe(200);

    await slapd.removeFromGroup('partners', 'emarkova');
    expect(await syncDirectoryStaff(desk.ctx)).toMatchObject({ deactivated: 1 });
    expect((await agentRow(ELENA[0]))?.active).toBe(false);
    expect((await elena('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer()).statusCode).toBe(401);
    expect((await login(...ELENA)).statusCode).toBe(401);
    const audit = (await admin('GET', '/api/v1/audit-events?entity=agent')).json();
    expect(JSON.stringify(audit)).toContain('system:directory');

    // Someone the directory no longer has at all goes the same way.
    await slapd.removePerson('oivanova');
    expect(await syncDirectoryStaff(desk.ctx)).toMatchObject({ deactivated: 1 });
    expect((await agentRow(OLGA[0]))?.active).toBe(false);
  });

  it('answers 503 while the directory hangs, once its timeout passes, and removes nobody', async () => {
    await slapd.addPerson('nkim', 'Nikolai Kim', 'nikolai.kim@vendor.test', 'nikolai-directory-2026');
    await slapd.addToGroup('support', 'nkim');
    expect((await login('nikolai.kim@vendor.test', 'nikolai-directory-2026')).statusCode).toBe(200);
    slapd.hang();
    try {
      const answer = await login('nikolai.kim@vendor.test', 'nikolai-directory-2026');
      expect(answer.statusCode).toBe(503);
      expect(answer.json().code).toBe('directory_unavailable');
      await expect(syncDirectoryStaff(desk.ctx)).rejects.toThrow(/directory did not answer/);
      expect((await agentRow('nikolai.kim@vendor.test'))?.active).toBe(true);
      // Contacts and local staff are not held up by it.
      await signIn(desk.app, ...STANDARD_CONTACT);
    } finally {
      slapd.resume();
    }
    expect((await login('nikolai.kim@vendor.test', 'nikolai-directory-2026')).statusCode).toBe(200);
  });
});
