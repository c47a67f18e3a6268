import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const PAVEL = ['pavel.orlov@supportdesk.example', 'agent-demo-2026'] as const;
/** Irina's password, until a reset below changes it. */
let AGENT_PASSWORD: string = AGENT[1];

describe.each(databaseBackends)('two-factor sign-in on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  /** Each person's authenticator secret, as their app holds it. */
  const secrets = new Map<string, string>();
  let recoveryCodes: string[];

  beforeAll(async () => {
    desk = await openTestDesk(backend, { LOGIN_RATE_LIMIT: '1000' });
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'en');
  });
  afterAll(() => desk.close());

  /** The code an authenticator app shows at the desk's present moment (or `offsetSeconds` from it). */
  const codeNow = (email: string = AGENT[0], offsetSeconds = 0) =>
    generate({
      secret: secrets.get(email) ?? '',
      epoch: Math.floor(desk.clock.now().getTime() / 1000) + offsetSeconds,
    });
  /** Adds an authenticator to a signed-in person's account, as the profile does. */
  const enrol = async (person: Caller, email: string) => {
    const started = await person('POST', '/api/v1/me/second-factor');
    expect(started.statusCode, started.body).toBe(200);
    secrets.set(email, started.json().secret);
    const confirmed = await person('POST', '/api/v1/me/second-factor/confirm', {
      code: await codeNow(email),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    return confirmed.json().recoveryCodes as string[];
  };
  const login = (email: string, password: string, code?: string, remoteAddress = '127.0.0.1') =>
    desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password, ...(code === undefined ? {} : { code }) },
      headers: { 'accept-language': 'en' },
      remoteAddress,
    });
  const sessionOf = (response: Awaited<ReturnType<typeof login>>) => {
    const cookie = response.cookies.find((candidate) => candidate.name === 'sd_session');
    return caller(
      desk.app,
      { cookie: `sd_session=${cookie?.value}`, csrfToken: response.json().csrfToken },
      'en',
    );
  };

  it('enrols an authenticator by its QR code once a code it shows is confirmed', async () => {
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT), 'en');
    const started = await irina('POST', '/api/v1/me/second-factor');
    expect(started.statusCode, started.body).toBe(200);
    secrets.set(AGENT[0], started.json().secret);
    expect(started.json().uri).toMatch(
      /^otpauth:\/\/totp\/Supportdesk:irina\.sokolova%40supportdesk\.example\?/,
    );
    expect(started.json().qrSvg).toMatch(/^<svg/);
    // Not on until confirmed: signing in still needs the password only.
    expect((await login(...AGENT)).statusCode).toBe(200);

    const wrong = await irina('POST', '/api/v1/me/second-factor/confirm', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'second_factor_invalid', field: 'code' });
    const confirmed = await irina('POST', '/api/v1/me/second-factor/confirm', { code: await codeNow() });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    recoveryCodes = confirmed.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect((await irina('GET', '/api/v1/me/second-factor')).json()).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
      required: false,
    });
  });

  it('asks for the code after the password, takes each code once, and follows the clock across its step', async () => {
    const withoutCode = await login(...AGENT);
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ code: 'second_factor_required', field: 'code' });
    expect(withoutCode.cookies).toHaveLength(0);
    // A wrong password is refused as ever, before any code is asked for.
    expect((await login(AGENT[0], 'wrong-password-2026')).json().code).toBe('invalid_credentials');

    desk.clock.advance(45_000);
    const first = await codeNow();
    expect((await login(...AGENT, first)).statusCode).toBe(200);
    const replayed = await login(...AGENT, first);
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('second_factor_invalid');

    // 30 seconds on, the app shows the next code: it signs in; the previous one, used, stays refused.
    desk.clock.advance(30_000);
    const next = await codeNow();
    expect(next).not.toBe(first);
    expect((await login(...AGENT, first)).json().code).toBe('second_factor_invalid');
    expect((await login(...AGENT, next)).statusCode).toBe(200);

    // A code typed just after its step ended still works; two steps later it no longer does.
    desk.clock.advance(30_000);
    const late = await codeNow();
    desk.clock.advance(30_000);
    expect((await login(...AGENT, late)).statusCode).toBe(200);
    desk.clock.advance(30_000);
    const stale = await codeNow(AGENT[0], -60);
    expect((await login(...AGENT, stale)).json().code).toBe('second_factor_invalid');
  });

  it('signs in once with each recovery code, written in any case', async () => {
    const [code] = recoveryCodes;
    expect((await login(...AGENT, code?.toUpperCase())).statusCode).toBe(200);
    expect((await login(...AGENT, code)).json().code).toBe('second_factor_invalid');
    const irina = sessionOf(await login(...AGENT, recoveryCodes[1]?.replace('-', '')));
    expect((await irina('GET', '/api/v1/me/second-factor')).json().recoveryCodesLeft).toBe(8);

    desk.clock.advance(30_000);
    const renewed = await irina('POST', '/api/v1/me/second-factor/recovery-codes', { code: await codeNow() });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await login(...AGENT, recoveryCodes[2])).json().code).toBe('second_factor_invalid');
    recoveryCodes = renewed.json().recoveryCodes;
    expect((await login(...AGENT, recoveryCodes[0])).statusCode).toBe(200);
  });

  it('lets an administrator require it of staff: an engineer without one may only enrol', async () => {
    const pavel = caller(desk.app, await signIn(desk.app, ...PAVEL), 'en');
    expect((await pavel('GET', '/api/v1/tickets')).statusCode).toBe(200);
    const contact = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT), 'en');

    expect(
      (await pavel('PUT', '/api/v1/settings/security', { staffSecondFactorRequired: true })).statusCode,
    ).toBe(403);
    // An administrator without an authenticator would lock themself out: they enrol first.
    const tooEarly = await admin('PUT', '/api/v1/settings/security', { staffSecondFactorRequired: true });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().code).toBe('second_factor_enrol_first');
    await enrol(admin, ADMIN[0]);
    const required = await admin('PUT', '/api/v1/settings/security', { staffSecondFactorRequired: true });
    expect(required.statusCode, required.body).toBe(200);

    // Pavel's open session is held at once to enrolment; customers go on as before.
    const held = await pavel('GET', '/api/v1/tickets');
    expect(held.statusCode).toBe(403);
    expect(held.json().code).toBe('second_factor_enrolment_required');
    expect((await pavel('GET', '/api/v1/me')).json().secondFactorEnrolmentRequired).toBe(true);
    expect((await contact('GET', '/api/v1/tickets')).statusCode).toBe(200);
    const signedInAgain = await login(...PAVEL);
    expect(signedInAgain.json().secondFactorEnrolmentRequired).toBe(true);

    await enrol(pavel, PAVEL[0]);
    expect((await pavel('GET', '/api/v1/tickets')).statusCode).toBe(200);
    expect((await pavel('GET', '/api/v1/me')).json().secondFactorEnrolmentRequired).toBe(false);
    const off = await pavel('POST', '/api/v1/me/second-factor/disable', { password: PAVEL[1] });
    expect(off.statusCode).toBe(409);
    expect(off.json().code).toBe('second_factor_mandatory');
  });

  it('lets an administrator take away a lost authenticator, after which the engineer enrols anew', async () => {
    const pavelId = (await admin('GET', '/api/v1/agents'))
      .json()
      .find((agent: { email: string }) => agent.email === PAVEL[0]).id;
    expect((await login(...PAVEL)).json().code).toBe('second_factor_required');
    const reset = await admin('DELETE', `/api/v1/agents/${pavelId}/second-factor`);
    expect(reset.statusCode, reset.body).toBe(204);
    const signedIn = await login(...PAVEL);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().secondFactorEnrolmentRequired).toBe(true);
    const audit = (await admin('GET', `/api/v1/audit-events?entity=agent&entityId=${pavelId}`)).json();
    expect(JSON.stringify(audit)).toContain('"secondFactor":"off"');

    await admin('PUT', '/api/v1/settings/security', { staffSecondFactorRequired: false });
    expect((await sessionOf(signedIn)('GET', '/api/v1/tickets')).statusCode).toBe(200);
  });

  it('limits wrong codes per account from any address: each waits longer, then codes lock until lifted', async () => {
    const contact = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT), 'en');
    const contactId = (await contact('GET', '/api/v1/me')).json().principal.id;
    const codes = await enrol(contact, STANDARD_CONTACT[0]);
    const anna = (code?: string, from = '10.0.0.1') => login(...STANDARD_CONTACT, code, from);
    const wrongCode = async () => ((await codeNow(STANDARD_CONTACT[0])) === '000000' ? '111111' : '000000');
    /** Sends wrong codes, each from another address and after the wait the last one set, `count` times. */
    const guess = async (count: number) => {
      for (let n = 0; n < count; n += 1) {
        const answer = await anna(await wrongCode(), `10.0.${n >> 8}.${n & 255}`);
        expect(answer.json().code).toBe('second_factor_invalid');
        desk.clock.advance(16 * 60_000);
      }
    };
    const lockMails = async () =>
      (
        await desk.database.db
          .select({ payload: outbox.payload })
          .from(outbox)
          .where(eq(outbox.topic, 'notice.mail'))
      )
        .map((row) => row.payload as { template: string; recipient: { id: string } })
        .filter(
          (payload) => payload.template === 'second_factor_locked' && payload.recipient.id === contactId,
        );

    // Five wrong codes are free; after them even the right code waits, wherever it is sent from.
    for (let n = 0; n < 5; n += 1)
      expect((await anna(await wrongCode(), `10.1.0.${n}`)).statusCode).toBe(401);
    const waiting = await anna(await codeNow(STANDARD_CONTACT[0]), '10.2.0.1');
    expect(waiting.statusCode).toBe(429);
    expect(waiting.json()).toMatchObject({ code: 'second_factor_wait', field: 'code' });
    expect(waiting.json().title).toMatch(/in \d+ s/);
    desk.clock.advance(31_000);
    // The wait over, the right code signs in and clears the count.
    expect((await anna(await codeNow(STANDARD_CONTACT[0]))).statusCode).toBe(200);

    desk.clock.advance(30_000);
    await guess(20);
    desk.clock.advance(30_000);
    const locked = await anna(await codeNow(STANDARD_CONTACT[0]));
    expect(locked.statusCode).toBe(403);
    expect(locked.json()).toMatchObject({ code: 'second_factor_locked' });
    expect(await lockMails()).toHaveLength(1);
    expect((await anna(await codeNow(STANDARD_CONTACT[0]))).statusCode).toBe(403);

    // A recovery code lifts the lock; the authenticator's codes work again.
    expect((await anna(codes[0])).statusCode).toBe(200);
    desk.clock.advance(30_000);
    expect((await anna(await codeNow(STANDARD_CONTACT[0]))).statusCode).toBe(200);

    // Locked again, an administrator lifts it, and it is audited.
    desk.clock.advance(30_000);
    await guess(20);
    expect((await anna(await codeNow(STANDARD_CONTACT[0]))).statusCode).toBe(403);
    expect(await lockMails()).toHaveLength(2);
    const agentUnlock = await caller(
      desk.app,
      await signIn(desk.app, ...PAVEL),
      'en',
    )('POST', `/api/v1/contacts/${contactId}/second-factor/unlock`);
    expect(agentUnlock.statusCode).toBe(403);
    const unlocked = await admin('POST', `/api/v1/contacts/${contactId}/second-factor/unlock`);
    expect(unlocked.statusCode, unlocked.body).toBe(204);
    desk.clock.advance(30_000);
    expect((await anna(await codeNow(STANDARD_CONTACT[0]))).statusCode).toBe(200);
    const audit = (await admin('GET', `/api/v1/audit-events?entity=contact&entityId=${contactId}`)).json();
    expect(JSON.stringify(audit)).toContain('"secondFactorLocked":false');

    // An engineer's lock shows on the team list, and the administrator lifts it there.
    const lockedOf = async () =>
      (await admin('GET', '/api/v1/agents'))
        .json()
        .find((agent: { email: string }) => agent.email === AGENT[0]);
    expect(await lockedOf()).toMatchObject({ secondFactor: true, secondFactorLocked: false });
    for (let n = 0; n < 20; n += 1) {
      const wrong = (await codeNow()) === '000000' ? '111111' : '000000';
      expect((await login(AGENT[0], AGENT[1], wrong, `10.9.0.${n}`)).json().code).toBe(
        'second_factor_invalid',
      );
      desk.clock.advance(16 * 60_000);
    }
    const irina = await lockedOf();
    expect(irina).toMatchObject({ secondFactorLocked: true });
    expect((await admin('POST', `/api/v1/agents/${irina.id}/second-factor/unlock`)).statusCode).toBe(204);
    expect(await lockedOf()).toMatchObject({ secondFactor: true, secondFactorLocked: false });
  });

  it('asks a mailed reset link for the code too: a mailbox is not a second factor', async () => {
    await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: AGENT[0] },
    });
    const [entry] = await desk.database.db
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(eq(outbox.topic, 'mail.account_link'));
    const token = (entry?.payload as { token?: string } | undefined)?.token ?? '';
    const confirm = (code?: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token, password: 'irina-after-reset-2026', ...(code ? { code } : {}) },
      });
    const withoutCode = await confirm();
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json().code).toBe('second_factor_required');
    desk.clock.advance(30_000);
    expect((await login(...AGENT, await codeNow())).statusCode).toBe(200);
    desk.clock.advance(30_000);
    expect((await confirm(await codeNow())).statusCode).toBe(200);
    AGENT_PASSWORD = 'irina-after-reset-2026';
  });

  it('turns it off with the password when not required', async () => {
    desk.clock.advance(60_000);
    const irina = sessionOf(await login(AGENT[0], AGENT_PASSWORD, await codeNow()));
    expect(
      (await irina('POST', '/api/v1/me/second-factor/disable', { password: 'wrong-2026-pass' })).statusCode,
    ).toBe(400);
    expect(
      (await irina('POST', '/api/v1/me/second-factor/disable', { password: AGENT_PASSWORD })).statusCode,
    ).toBe(204);
    expect((await login(AGENT[0], AGENT_PASSWORD)).statusCode).toBe(200);
  });
});
