import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/accounts/auth.js';
import { accountLinks, outboundMail, outbox } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { SmtpSink } from './support/mail.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  type Caller,
  caller,
  demoWorld,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const OLEG = 'oleg.belov@supportdesk.example';
const HOUR = 3_600_000;

/** The secret of the set-password link in a mail, as the person would click it. */
function linkToken(mail: ParsedMail | undefined): string {
  const token = mail?.text?.match(/\/set-password#token=([\w-]+)/)?.[1];
  if (!token) throw new Error(`no link in the mail: ${mail?.text}`);
  return token;
}

describe.each(databaseBackends)('invitations and password resets by mail on $name', (backend) => {
  const sink = new SmtpSink();
  let desk: TestDesk;
  let admin: Caller;

  beforeAll(async () => {
    await sink.start();
    desk = await openTestDesk(backend, {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      PUBLIC_URL: 'https://desk.supportdesk.example',
      PASSWORD_RESET_RATE_LIMIT: '5',
      LOGIN_RATE_LIMIT: '100',
      API_TOKEN_RATE_LIMIT: '5',
    });
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
    await deliverOutbox(desk.ctx);
  });
  afterAll(async () => {
    await desk?.close();
    await sink.stop();
  });

  /** Delivers what is due and answers the mails that arrived meanwhile. */
  const newMail = async () => {
    const before = sink.received.length;
    await deliverOutbox(desk.ctx);
    return sink.received.slice(before);
  };
  /** Each client its own address, so one test's requests do not count against another's limit. */
  let clients = 0;
  const fromClient = () => `192.0.2.${++clients}`;
  const resetFor = (email: string, remoteAddress = fromClient()) =>
    desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email },
      remoteAddress,
      headers: { 'accept-language': 'en' },
    });
  const confirm = (token: string, password: string) =>
    desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password },
      headers: { 'accept-language': 'ru' },
    });
  const me = (session: Session) => caller(desk.app, session)('GET', '/api/v1/me');

  it('invites a new agent by mail: the link sets the password once, signs in, and is refused after', async () => {
    const created = await admin('POST', '/api/v1/agents', { name: 'Олег Белов', email: OLEG, role: 'agent' });
    expect(created.statusCode, created.body).toBe(201);
    const [invitation, ...others] = await newMail();
    expect(others).toHaveLength(0);
    expect(invitation?.to).toMatchObject({ text: OLEG });
    expect(invitation?.subject).toBe('Ваша учётная запись в Supportdesk');
    expect(invitation?.text).toContain('https://desk.supportdesk.example/set-password#token=');
    expect(invitation?.text).toContain('72');
    const token = linkToken(invitation);

    // The desk keeps the link's digest only: not in the link table, the outbox or the mail log.
    const [link] = await desk.database.db.select().from(accountLinks);
    expect(link?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    const stored = JSON.stringify([
      await desk.database.db.select().from(outbox),
      await desk.database.db.select().from(outboundMail),
    ]);
    expect(stored).not.toContain(token);

    const signedIn = await confirm(token, 'oleg-chose-this-2026');
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    expect(signedIn.json().principal).toMatchObject({ email: OLEG, role: 'agent' });
    const cookie = signedIn.cookies.find((candidate) => candidate.name === 'sd_session');
    expect(cookie?.value).toBeTruthy();
    await signIn(desk.app, OLEG, 'oleg-chose-this-2026');

    const twice = await confirm(token, 'someone-else-2026-pass');
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toMatchObject({ code: 'account_link_invalid', field: 'token' });
    expect(twice.json().title).toMatch(/Ссылка больше не действует/);
    await signIn(desk.app, OLEG, 'oleg-chose-this-2026');
  });

  it('resets a forgotten password: the answer is alike for any address, and every old session ends', async () => {
    const first = await signIn(desk.app, OLEG, 'oleg-chose-this-2026');
    const second = await signIn(desk.app, OLEG, 'oleg-chose-this-2026');
    const known = await resetFor(OLEG.toUpperCase());
    const unknown = await resetFor('nobody@nowhere.example');
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    const [reset, ...others] = await newMail();
    expect(others).toHaveLength(0);
    expect(reset?.to).toMatchObject({ text: OLEG });
    expect(reset?.text).toMatch(/one hour|1 час/);

    const done = await confirm(linkToken(reset), 'oleg-new-password-2026');
    expect(done.statusCode, done.body).toBe(200);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    const refused = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: OLEG, password: 'oleg-chose-this-2026' },
    });
    expect(refused.statusCode).toBe(401);
    await signIn(desk.app, OLEG, 'oleg-new-password-2026');
  });

  it('voids a link once a newer one is sent, once the password changes, and an hour after', async () => {
    await resetFor(OLEG);
    const [older] = await newMail();
    await resetFor(OLEG);
    const [newer] = await newMail();
    expect((await confirm(linkToken(older), 'never-set-this-2026')).json().code).toBe('account_link_invalid');

    const oleg = caller(desk.app, await signIn(desk.app, OLEG, 'oleg-new-password-2026'));
    const changed = await oleg('POST', '/api/v1/me/password', {
      currentPassword: 'oleg-new-password-2026',
      newPassword: 'oleg-changed-it-2026',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await confirm(linkToken(newer), 'never-set-this-2026')).json().code).toBe('account_link_invalid');

    desk.clock.advance(2 * HOUR);
    await resetFor(OLEG);
    const [late] = await newMail();
    desk.clock.advance(HOUR + 1_000);
    expect((await confirm(linkToken(late), 'never-set-this-2026')).json().code).toBe('account_link_invalid');
    await signIn(desk.app, OLEG, 'oleg-changed-it-2026');
  });

  it('mails one address at most three resets an hour, answering alike past that', async () => {
    desk.clock.advance(2 * HOUR);
    const answers = [];
    const mailed = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answers.push((await resetFor(OLEG)).statusCode);
      mailed.push(...(await newMail()));
    }
    expect(answers).toEqual([202, 202, 202, 202, 202]);
    expect(mailed).toHaveLength(3);
    desk.clock.advance(HOUR);
    await resetFor(OLEG);
    expect(await newMail()).toHaveLength(1);
  });

  it('limits one client however many addresses it asks for', async () => {
    const client = fromClient();
    const answers = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      answers.push((await resetFor(`guess-${attempt}@nowhere.example`, client)).statusCode);
    }
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
    expect((await resetFor('guess@nowhere.example')).statusCode).toBe(202);
  });

  it('invites a contact for 72 hours, and an administrator can send the link again', async () => {
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const created = await admin('POST', `/api/v1/organizations/${world.baltlog.id}/contacts`, {
      name: 'Мария Котова',
      email: 'maria.kotova@baltlog.example',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().canSignIn).toBe(false);
    const [first] = await newMail();
    const again = await admin('POST', `/api/v1/contacts/${created.json().id}/invitation`);
    expect(again.statusCode, again.body).toBe(202);
    const [second] = await newMail();
    expect(linkToken(second)).not.toBe(linkToken(first));
    expect((await confirm(linkToken(first), 'maria-portal-2026')).json().code).toBe('account_link_invalid');
    desk.clock.advance(71 * HOUR);
    const accepted = await confirm(linkToken(second), 'maria-portal-2026');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().principal).toMatchObject({ role: 'contact', organizationId: world.baltlog.id });

    const contact = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    expect((await contact('POST', `/api/v1/contacts/${created.json().id}/invitation`)).statusCode).toBe(403);
  });

  it('limits requests made with one API token, not the others', async () => {
    const limited = await createApiToken(
      desk.ctx,
      { type: 'system', name: 'test' },
      { email: OLEG, name: 'limited' },
    );
    const other = await createApiToken(
      desk.ctx,
      { type: 'system', name: 'test' },
      { email: OLEG, name: 'other' },
    );
    const call = (token: string) =>
      desk.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    const answers = [];
    for (let attempt = 0; attempt < 6; attempt += 1) answers.push((await call(limited.token)).statusCode);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await call(limited.token);
    expect(refused.json().code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(other.token)).statusCode).toBe(200);
    const session = await signIn(desk.app, OLEG, 'oleg-changed-it-2026');
    expect((await me(session)).statusCode).toBe(200);
  });
});
