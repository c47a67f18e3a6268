import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe.each(databaseBackends)('a former customer on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    world = await demoWorld(desk.app, adminSession);
    admin = caller(desk.app, adminSession, 'ru');
  });
  afterAll(() => desk.close());

  const setActive = (active: boolean) =>
    admin('PATCH', `/api/v1/organizations/${world.baltlog.id}`, { active });
  const contactsOf = async () =>
    (await admin('GET', `/api/v1/organizations/${world.baltlog.id}`)).json().contacts as {
      email: string;
      active: boolean;
    }[];

  it("ends its contacts' sessions and filing at once, keeps its history, and takes them back with it", async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const ticket = await fileOnBaltlog(anna, world, 'До ухода клиента');
    const before = await contactsOf();
    // A contact made inactive on its own stays so when the organization comes back.
    const other = before.find((contact) => contact.email !== STANDARD_CONTACT[0] && contact.active);
    if (other) {
      const id = world.baltlog.contacts.find((contact) => contact.email === other.email)?.id;
      expect((await admin('PATCH', `/api/v1/contacts/${id}`, { active: false })).statusCode).toBe(200);
    }

    const deactivated = await setActive(false);
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect((await anna('GET', '/api/v1/me')).statusCode).toBe(401);
    const signInAgain = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: STANDARD_CONTACT[0], password: STANDARD_CONTACT[1] },
    });
    expect(signInAgain.statusCode).toBe(401);
    // Support filing on a former customer's contact's behalf is refused as for any inactive contact.
    const agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    const annaId = world.baltlog.contacts.find((contact) => contact.email === STANDARD_CONTACT[0])?.id;
    const onBehalf = await agent('POST', '/api/v1/tickets', {
      contactId: annaId,
      instanceId: world.baltlog.instances[0]?.id,
      severity: 'low',
      subject: 'После ухода',
      description: 'Текст',
    });
    expect(onBehalf.statusCode).toBe(403);
    expect(onBehalf.json().code).toBe('contact_inactive');
    // Its history stays for support and the reports.
    expect((await agent('GET', `/api/v1/tickets/${ticket.id}`)).statusCode).toBe(200);
    expect((await contactsOf()).every((contact) => !contact.active)).toBe(true);
    const history = (
      await admin('GET', `/api/v1/audit-events?entity=organization&entityId=${world.baltlog.id}`)
    ).json();
    expect(JSON.stringify(history)).toContain('"active":false');

    expect((await setActive(true)).json().active).toBe(true);
    const after = await contactsOf();
    expect(after.find((contact) => contact.email === STANDARD_CONTACT[0])?.active).toBe(true);
    if (other) expect(after.find((contact) => contact.email === other.email)?.active).toBe(false);
    await signIn(desk.app, ...STANDARD_CONTACT);
  });

  it('is changed by administrators only, and keeps names and INNs unique', async () => {
    const agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    expect(
      (await agent('PATCH', `/api/v1/organizations/${world.baltlog.id}`, { name: 'Моё' })).statusCode,
    ).toBe(403);
    const taken = await admin('PATCH', `/api/v1/organizations/${world.baltlog.id}`, {
      name: world.uralenergo.name,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('organization_name_taken');
    const innTaken = await admin('PATCH', `/api/v1/organizations/${world.baltlog.id}`, { inn: '6601987657' });
    expect(innTaken.json()).toMatchObject({ code: 'organization_inn_taken', field: 'inn' });
    const renamed = await admin('PATCH', `/api/v1/organizations/${world.baltlog.id}`, {
      name: 'АО «Балтлог»',
    });
    expect(renamed.json()).toMatchObject({ name: 'АО «Балтлог»', inn: '7801234564', kpp: '780101001' });
    expect(
      (await admin('PATCH', '/api/v1/organizations/00000000-0000-4000-8000-000000000000', { name: 'X' }))
        .statusCode,
    ).toBe(404);
  });
});
