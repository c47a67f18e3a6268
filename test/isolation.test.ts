import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

describe.each(databaseBackends)('a contact sees its own organization only, on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let anna: ReturnType<typeof caller>;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
  });
  afterAll(() => desk?.close());

  it('lists only its own organization and reads its own records', async () => {
    const organizations = (await anna('GET', '/api/v1/organizations')).json();
    expect(organizations.map((organization: { id: string }) => organization.id)).toEqual([world.baltlog.id]);
    const own = await anna('GET', `/api/v1/organizations/${world.baltlog.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().certificates).toHaveLength(1);
    const [license] = world.baltlog.licenses;
    expect((await anna('GET', `/api/v1/licenses/${license?.id}`)).statusCode).toBe(200);
  });

  it('gets 404, with no detail, for every object of another organization, read or write', async () => {
    const ural = world.uralenergo;
    const certificate = ural.certificates[0]?.id;
    const contact = ural.contacts[0]?.id;
    const instance = ural.instances[0]?.id;
    const license = ural.licenses[0]?.id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/organizations/${ural.id}`],
      ['GET', `/api/v1/licenses/${license}`],
      ['GET', `/api/v1/instances/${instance}`],
      ['GET', `/api/v1/certificates/${certificate}`],
      ['GET', `/api/v1/contacts/${contact}`],
      ['PATCH', `/api/v1/certificates/${certificate}`, { maxInstances: 50 }],
      ['PATCH', `/api/v1/contacts/${contact}`, { active: false }],
      [
        'POST',
        `/api/v1/organizations/${ural.id}/licenses`,
        { number: 'X-1', productIds: [world.products[0]?.id], validFrom: '2026-01-01' },
      ],
      [
        'POST',
        `/api/v1/organizations/${ural.id}/instances`,
        { productId: world.products[0]?.id, name: 'x', environment: 'test', version: '1' },
      ],
      [
        'POST',
        `/api/v1/organizations/${ural.id}/certificates`,
        { number: 'X-2', level: 'extended', validFrom: '2026-01-01', validTo: '2026-12-31', maxInstances: 1 },
      ],
      [
        'POST',
        `/api/v1/organizations/${ural.id}/contacts`,
        { name: 'Чужой', email: 'intruder@baltlog.example' },
      ],
      ['POST', '/api/v1/entitlement-checks', { instanceId: instance }],
      [
        'POST',
        '/api/v1/entitlement-checks',
        { instanceId: world.baltlog.instances[0]?.id, contactId: contact },
      ],
      [
        'POST',
        '/api/v1/entitlement-checks',
        { instanceId: world.baltlog.instances[0]?.id, contactEmail: 'sergey.ivanov@uralenergo.example' },
      ],
    ];
    const missing = await anna('GET', '/api/v1/organizations/00000000-0000-4000-8000-000000000000');
    for (const [method, url, payload] of attempts) {
      const response = await anna(method as 'GET', url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json(), `${method} ${url}`).toEqual({
        ...missing.json(),
        instance: url,
        requestId: response.headers['x-request-id'],
      });
    }
    const unchanged = await caller(desk.app, await signIn(desk.app, ...ADMIN))(
      'GET',
      `/api/v1/organizations/${ural.id}`,
    );
    expect(unchanged.json()).toEqual(ural);
  });

  it("answers a request for another organization's instance as for an unknown one, and keeps it in the intake log", async () => {
    const file = (instanceId: string) =>
      anna('POST', '/api/v1/tickets', {
        instanceId,
        severity: 'high',
        subject: 'Чужой экземпляр',
        description: 'Попытка подать запрос на экземпляр другой организации.',
      });
    const foreignInstance = world.uralenergo.instances[0]?.id ?? '';
    const unknownInstance = '00000000-0000-4000-8000-000000000001';
    const foreign = await file(foreignInstance);
    const unknown = await file(unknownInstance);
    expect(foreign.statusCode).toBe(400);
    const withoutIds = (body: { title: string; errors: { message: string }[] }, id: string) =>
      JSON.stringify({ title: body.title, errors: body.errors }).replaceAll(id, 'ID');
    expect(withoutIds(foreign.json(), foreignInstance)).toBe(withoutIds(unknown.json(), unknownInstance));
    expect(foreign.json()).toMatchObject({ code: 'instance_unknown', field: 'instanceId' });

    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const logged = (await admin('GET', '/api/v1/intake-rejections')).json();
    const entry = logged.find(
      (row: { instanceId: string | null; reason: string }) => row.instanceId === foreignInstance,
    );
    expect(entry).toMatchObject({
      reason: 'instance_not_of_contact_org',
      channel: 'portal',
      organizationId: world.baltlog.id,
      subject: 'Чужой экземпляр',
    });
    // The contact is not told, by any channel, that the instance exists elsewhere.
    const notices = (await anna('GET', '/api/v1/notifications')).json();
    expect(JSON.stringify(notices)).not.toContain('instance_not_of_contact_org');
  });

  it('cannot write even to its own organization: entitlements are the vendor record', async () => {
    const response = await anna('POST', `/api/v1/organizations/${world.baltlog.id}/contacts`, {
      name: 'Коллега',
      email: 'colleague@baltlog.example',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden' });
  });

  it('keeps the other contact out of this organization too', async () => {
    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    expect((await sergey('GET', `/api/v1/organizations/${world.baltlog.id}`)).statusCode).toBe(404);
    expect((await sergey('GET', `/api/v1/organizations/${world.uralenergo.id}`)).statusCode).toBe(200);
  });
});
