import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  instanceNamed,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

describe.each(databaseBackends)('entitlements over the API on $name', (backend) => {
  let desk: TestDesk;
  let admin: Session;
  let world: DemoWorld;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = await signIn(desk.app, ...ADMIN);
    call = caller(desk.app, admin);
    world = await demoWorld(desk.app, admin);
  });
  afterAll(() => desk?.close());

  const productId = (code: string) => {
    const product = world.products.find((candidate) => candidate.code === code);
    if (!product) throw new Error(`no product ${code}`);
    return product.id;
  };

  it('builds a customer from scratch and grants its contact support at the certificate level', async () => {
    const organization = await call('POST', '/api/v1/organizations', {
      name: 'ООО «Тест-Сервис»',
      inn: '7712345671',
    });
    expect(organization.statusCode, organization.body).toBe(201);
    const organizationId = organization.json().id;

    const license = await call('POST', `/api/v1/organizations/${organizationId}/licenses`, {
      number: 'ЛД-2026-5000',
      productIds: [productId('ETL')],
      validFrom: '2026-01-01',
      validTo: '2027-12-31',
    });
    expect(license.statusCode, license.body).toBe(201);
    expect(license.json()).toMatchObject({ status: 'active', products: [{ code: 'ETL' }] });

    const instance = await call('POST', `/api/v1/organizations/${organizationId}/instances`, {
      productId: productId('ETL'),
      name: 'etl-prod',
      environment: 'production',
      version: '3.1.0',
    });
    expect(instance.statusCode, instance.body).toBe(201);
    const instanceId = instance.json().id;

    const certificate = await call('POST', `/api/v1/organizations/${organizationId}/certificates`, {
      number: 'СТП-Р-2026-5000',
      level: 'extended',
      validFrom: '2026-11-01',
      validTo: '2027-10-31',
      maxInstances: 1,
      instanceIds: [instanceId],
    });
    expect(certificate.statusCode, certificate.body).toBe(201);
    expect(certificate.json()).toMatchObject({ status: 'active', instanceIds: [instanceId] });

    const contact = await call('POST', `/api/v1/organizations/${organizationId}/contacts`, {
      name: 'Мария Кузнецова',
      email: 'Maria.Kuznetsova@Test-Service.example',
      phone: '+74957778899',
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(contact.json()).toMatchObject({
      email: 'maria.kuznetsova@test-service.example',
      language: 'ru',
      active: true,
      canSignIn: false,
    });

    const check = await call('POST', '/api/v1/entitlement-checks', {
      contactEmail: 'maria.kuznetsova@test-service.example',
      instanceId,
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({
      allowed: true,
      reason: null,
      level: 'extended',
      certificate: { number: 'СТП-Р-2026-5000', level: 'extended' },
      license: { number: 'ЛД-2026-5000' },
      contactId: contact.json().id,
      at: '2026-11-24T09:00:00.000Z',
    });

    const before = await call('POST', '/api/v1/entitlement-checks', {
      contactId: contact.json().id,
      instanceId,
      at: '2026-10-31T23:59:59+03:00',
    });
    expect(before.json()).toMatchObject({ allowed: false, reason: 'certificate_not_yet_valid' });
    const firstDay = await call('POST', '/api/v1/entitlement-checks', {
      contactId: contact.json().id,
      instanceId,
      at: '2026-11-01T00:00:00+03:00',
    });
    expect(firstDay.json()).toMatchObject({ allowed: true });
  });

  it('answers each refusal with its reason code and a message in the reader language', async () => {
    const ural = world.uralenergo;
    const baltlog = world.baltlog;
    const esbEkb = instanceNamed(ural, 'esb-prod-ekb');
    const cases: [Record<string, unknown>, string][] = [
      [{ contactEmail: 'nobody@nowhere.example', instanceId: esbEkb }, 'contact_unknown'],
      [
        { contactEmail: 'oleg.smirnov@baltlog.example', instanceId: instanceNamed(baltlog, 'esb-prod-spb') },
        'contact_inactive',
      ],
      [{ contactEmail: 'anna.petrova@baltlog.example', instanceId: esbEkb }, 'instance_not_of_contact_org'],
      [
        { contactEmail: 'anna.petrova@baltlog.example', instanceId: instanceNamed(baltlog, 'esb-test-spb') },
        'instance_not_covered',
      ],
      [
        {
          contactEmail: 'sergey.ivanov@uralenergo.example',
          instanceId: esbEkb,
          at: '2030-01-01T10:00:00+03:00',
        },
        'certificate_expired',
      ],
    ];
    for (const [body, reason] of cases) {
      const response = await call('POST', '/api/v1/entitlement-checks', body);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json(), reason).toMatchObject({
        allowed: false,
        reason,
        level: null,
        certificate: null,
      });
    }
    const russian = await caller(desk.app, admin, 'ru')('POST', '/api/v1/entitlement-checks', cases[3]?.[0]);
    expect(russian.json().message).toBe('Этот экземпляр не покрыт сертификатом технической поддержки.');
  });

  it('refuses a license that has expired or never covered the product', async () => {
    const organization = (await call('POST', '/api/v1/organizations', { name: 'ООО «Без лицензии»' })).json();
    const instanceId = (
      await call('POST', `/api/v1/organizations/${organization.id}/instances`, {
        productId: productId('DATA'),
        name: 'data-prod',
        environment: 'production',
        version: '5.0.0',
      })
    ).json().id;
    await call('POST', `/api/v1/organizations/${organization.id}/certificates`, {
      number: 'СТП-С-2026-7000',
      level: 'standard',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      maxInstances: 1,
      instanceIds: [instanceId],
    });
    await call('POST', `/api/v1/organizations/${organization.id}/contacts`, {
      name: 'Игорь Белов',
      email: 'igor.belov@no-license.example',
    });
    const ask = () =>
      call('POST', '/api/v1/entitlement-checks', {
        contactEmail: 'igor.belov@no-license.example',
        instanceId,
      });
    expect((await ask()).json().reason).toBe('license_missing');

    await call('POST', `/api/v1/organizations/${organization.id}/licenses`, {
      number: 'ЛД-2020-0001',
      productIds: [productId('DATA')],
      validFrom: '2020-01-01',
      validTo: '2026-11-23',
    });
    expect((await ask()).json().reason).toBe('license_expired');
  });

  it('gives each demo contact the level of its own certificate', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const annaCheck = await anna('POST', '/api/v1/entitlement-checks', {
      instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
    });
    expect(annaCheck.json()).toMatchObject({ allowed: true, level: 'standard' });

    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    const sergeyCheck = await sergey('POST', '/api/v1/entitlement-checks', {
      instanceId: instanceNamed(world.uralenergo, 'scheduler-prod-ekb'),
    });
    expect(sergeyCheck.json()).toMatchObject({
      allowed: true,
      level: 'extended',
      certificate: { number: 'СТП-Р-2026-0019' },
    });
  });

  it('refuses a certificate beyond its instance limit, or naming another customer instance, and stores nothing', async () => {
    const baltlog = world.baltlog;
    const certificate = baltlog.certificates[0];
    if (!certificate) throw new Error('demo certificate missing');
    const overLimit = await call('PATCH', `/api/v1/certificates/${certificate.id}`, {
      instanceIds: baltlog.instances.map((instance) => instance.id),
    });
    expect(overLimit.statusCode).toBe(400);
    expect(overLimit.headers['content-type']).toContain('application/problem+json');
    expect(overLimit.json()).toMatchObject({
      code: 'certificate_instance_limit',
      field: 'instanceIds',
      title: 'The certificate covers at most 2 instances; 3 were given.',
    });

    const foreign = instanceNamed(world.uralenergo, 'esb-prod-ekb');
    const wrongOrg = await call('POST', `/api/v1/organizations/${baltlog.id}/certificates`, {
      number: 'СТП-С-2026-9999',
      level: 'standard',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      maxInstances: 3,
      instanceIds: [instanceNamed(baltlog, 'esb-test-spb'), foreign],
    });
    expect(wrongOrg.statusCode).toBe(400);
    expect(wrongOrg.json()).toMatchObject({
      code: 'instance_not_of_certificate_org',
      field: 'instanceIds.1',
    });

    const shrink = await call('PATCH', `/api/v1/certificates/${certificate.id}`, { maxInstances: 1 });
    expect(shrink.json()).toMatchObject({ code: 'certificate_instance_limit', field: 'maxInstances' });

    const after = (await call('GET', `/api/v1/organizations/${baltlog.id}`)).json();
    expect(after.certificates).toEqual(baltlog.certificates);
  });

  it('updates a certificate and records who changed what, before and after', async () => {
    const certificate = world.baltlog.certificates[0];
    if (!certificate) throw new Error('demo certificate missing');
    const testInstance = instanceNamed(world.baltlog, 'esb-test-spb');
    const updated = await call('PATCH', `/api/v1/certificates/${certificate.id}`, {
      maxInstances: 3,
      instanceIds: [...certificate.instanceIds, testInstance],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().instanceIds).toContain(testInstance);

    const events = await call('GET', `/api/v1/audit-events?entity=certificate&entityId=${certificate.id}`);
    expect(events.statusCode).toBe(200);
    const [latest] = events.json();
    expect(latest).toMatchObject({
      action: 'update',
      actor: { type: 'agent', label: 'Администратор Supportdesk <admin@supportdesk.example>' },
      at: '2026-11-24T09:00:00.000Z',
      before: { maxInstances: 2, instanceIds: certificate.instanceIds },
      after: { maxInstances: 3 },
    });
    expect(Object.keys(latest.before).sort()).toEqual(['instanceIds', 'maxInstances']);
    expect(latest.after.instanceIds).toHaveLength(3);
  });

  it('audits contact changes without ever recording a password', async () => {
    const contact = world.uralenergo.contacts.find(
      (candidate) => candidate.email === 'elena.novak@uralenergo.example',
    );
    if (!contact) throw new Error('demo contact missing');
    desk.clock.advance(60_000);
    const updated = await call('PATCH', `/api/v1/contacts/${contact.id}`, {
      active: false,
      password: 'a-new-long-password',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ active: false, canSignIn: true });
    const [event] = (await call('GET', `/api/v1/audit-events?entity=contact&entityId=${contact.id}`)).json();
    expect(event.before).toEqual({ active: true, passwordSetAt: null });
    expect(event.after).toEqual({ active: false, passwordSetAt: '2026-11-24T09:01:00.000Z' });
    expect(JSON.stringify(event)).not.toContain('a-new-long-password');
    expect(JSON.stringify(event)).not.toContain('argon2');
  });

  it('records the creation of every kind of entitlement record', async () => {
    const events: { entity: string; action: string }[] = (
      await call('GET', '/api/v1/audit-events?limit=500')
    ).json();
    const created = new Set(events.filter((event) => event.action === 'create').map((event) => event.entity));
    expect([...created].sort()).toEqual([
      'agent',
      'certificate',
      'contact',
      'instance',
      'license',
      'organization',
      'product',
    ]);
  });

  it('pages through the audit log in commit order, even when events share an instant', async () => {
    const all: { sequence: number }[] = (await call('GET', '/api/v1/audit-events?limit=500')).json();
    const firstPage: { sequence: number }[] = (await call('GET', '/api/v1/audit-events?limit=3')).json();
    const last = firstPage.at(-1)?.sequence;
    const secondPage: { sequence: number }[] = (
      await call('GET', `/api/v1/audit-events?limit=3&beforeSequence=${last}`)
    ).json();
    expect([...firstPage, ...secondPage]).toEqual(all.slice(0, 6));
    const sequences = all.map((event) => event.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    expect(new Set(sequences).size).toBe(sequences.length);
  });
});
