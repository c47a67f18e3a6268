import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/database.js';
import { organizations } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  openTestDesk,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const TABLES = [
  'products',
  'organizations',
  'licenses',
  'license_products',
  'instances',
  'certificates',
  'certificate_instances',
  'contacts',
  'agents',
  'audit_events',
] as const;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(databaseBackends)('bad input to every write, on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let call: ReturnType<typeof caller>;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const admin = await signIn(desk.app, ...ADMIN);
    call = caller(desk.app, admin);
    world = await demoWorld(desk.app, admin);
  });
  afterAll(() => desk?.close());

  async function snapshot() {
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const [row] = await rowsOf<{ count: number }>(
        desk.database.db,
        sql.raw(`select count(*)::int as count from ${table}`),
      );
      counts[table] = Number(row?.count);
    }
    const contents = await call('GET', `/api/v1/organizations/${world.baltlog.id}`);
    return { counts, baltlog: contents.json() };
  }

  it('answers 400 or 409 problem+json naming the field, and stores nothing', async () => {
    const org = world.baltlog.id;
    const product = world.products[0]?.id;
    const certificate = world.baltlog.certificates[0]?.id;
    const contact = world.baltlog.contacts[0]?.id;
    const validCertificate = {
      number: 'СТП-НОВЫЙ',
      level: 'standard',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      maxInstances: 1,
    };
    const cases: [string, string, unknown, number, string, string][] = [
      ['POST', '/api/v1/products', { code: 'bad code!', name: 'X' }, 400, 'code', 'invalid_format'],
      ['POST', '/api/v1/products', { code: 'NEW' }, 400, 'name', 'invalid_type'],
      ['POST', '/api/v1/products', { code: 'esb', name: 'ESB again' }, 409, 'code', 'product_code_taken'],
      ['POST', '/api/v1/organizations', { name: '   ' }, 400, 'name', 'too_small'],
      [
        'POST',
        '/api/v1/organizations',
        { name: 'ООО «Ромашка»', inn: '12345' },
        400,
        'inn',
        'invalid_format',
      ],
      [
        'POST',
        '/api/v1/organizations',
        { name: 'ао «балтийская логистика»' },
        409,
        'name',
        'organization_name_taken',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'L', productIds: [], validFrom: '2026-01-01' },
        400,
        'productIds',
        'too_small',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'L', productIds: ['esb'], validFrom: '2026-01-01' },
        400,
        'productIds.0',
        'invalid_format',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'L', productIds: [product], validFrom: '2026-02-30' },
        400,
        'validFrom',
        'invalid_format',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'L', productIds: [product], validFrom: '2026-02-01', validTo: '2026-01-31' },
        400,
        'validTo',
        'period_reversed',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'L', productIds: [product, UNKNOWN_ID], validFrom: '2026-02-01' },
        400,
        'productIds.1',
        'product_unknown',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/licenses`,
        { number: 'ЛД-2024-0117', productIds: [product], validFrom: '2026-02-01' },
        409,
        'number',
        'license_number_taken',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/instances`,
        { productId: product, name: 'x', environment: 'prod', version: '1' },
        400,
        'environment',
        'invalid_value',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/instances`,
        { productId: UNKNOWN_ID, name: 'x', environment: 'test', version: '1' },
        400,
        'productId',
        'product_unknown',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/instances`,
        { productId: product, name: 'ESB-PROD-SPB', environment: 'test', version: '1' },
        409,
        'name',
        'instance_name_taken',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, level: 'gold' },
        400,
        'level',
        'invalid_value',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, maxInstances: 0 },
        400,
        'maxInstances',
        'too_small',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, maxInstances: 1.5 },
        400,
        'maxInstances',
        'invalid_type',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, validTo: '2025-12-31' },
        400,
        'validTo',
        'period_reversed',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, instanceIds: [UNKNOWN_ID] },
        400,
        'instanceIds.0',
        'instance_unknown',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/certificates`,
        { ...validCertificate, number: 'СТП-С-2026-0042' },
        409,
        'number',
        'certificate_number_taken',
      ],
      [
        'PATCH',
        `/api/v1/certificates/${certificate}`,
        { maxInstances: -1 },
        400,
        'maxInstances',
        'too_small',
      ],
      [
        'PATCH',
        `/api/v1/certificates/${certificate}`,
        { number: 'renamed' },
        400,
        'number',
        'unrecognized_keys',
      ],
      [
        'PATCH',
        `/api/v1/certificates/${certificate}`,
        { validFrom: '2030-01-01' },
        400,
        'validTo',
        'period_reversed',
      ],
      [
        'PATCH',
        '/api/v1/certificates/not-a-uuid',
        { maxInstances: 2 },
        400,
        'params.certificateId',
        'invalid_format',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'not-an-email' },
        400,
        'email',
        'invalid_format',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'ivan@baltlog.example', phone: '8 912 345 67 8' },
        400,
        'phone',
        'invalid_format',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'ivan@baltlog.example', language: 'de' },
        400,
        'language',
        'invalid_value',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'ivan@baltlog.example', password: 'short' },
        400,
        'password',
        'too_small',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'ANNA.PETROVA@baltlog.example' },
        409,
        'email',
        'email_taken',
      ],
      [
        'POST',
        `/api/v1/organizations/${org}/contacts`,
        { name: 'Иван', email: 'admin@supportdesk.example' },
        409,
        'email',
        'email_taken',
      ],
      ['PATCH', `/api/v1/contacts/${contact}`, { email: 'broken@' }, 400, 'email', 'invalid_format'],
      ['PATCH', `/api/v1/contacts/${contact}`, { active: 'yes' }, 400, 'active', 'invalid_type'],
      [
        'PATCH',
        `/api/v1/contacts/${contact}`,
        { email: 'sergey.ivanov@uralenergo.example' },
        409,
        'email',
        'email_taken',
      ],
      ['POST', '/api/v1/entitlement-checks', { instanceId: 'x' }, 400, 'instanceId', 'invalid_format'],
      [
        'POST',
        '/api/v1/entitlement-checks',
        { instanceId: UNKNOWN_ID, at: 'tomorrow' },
        400,
        'at',
        'invalid_format',
      ],
    ];

    const before = await snapshot();
    for (const [method, url, payload, status, field, code] of cases) {
      const label = `${method} ${url} ${JSON.stringify(payload)}`;
      const response = await call(method as 'POST', url, payload);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(response.headers['content-type'], label).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.field, label).toBe(field);
      const error = problem.errors.find((candidate: { field: string }) => candidate.field === field);
      expect(error?.code === code || problem.code === code, `${label}: ${response.body}`).toBe(true);
      expect(error?.message, label).toBeTruthy();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('explains bad input in Russian to a Russian reader', async () => {
    const russian = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
    const response = await russian('POST', `/api/v1/organizations/${world.baltlog.id}/contacts`, {
      name: 'Иван',
      email: 'ivan@baltlog.example',
      phone: '8 912 345 67 8',
    });
    expect(response.json()).toMatchObject({
      title: 'В запросе есть неверно заполненные поля.',
      field: 'phone',
      errors: [
        {
          field: 'phone',
          message:
            'Укажите номер телефона, например +7 912 345-67-89 или 8 (495) 123-45-67; номер другой страны — с + и её кодом.',
        },
      ],
    });
    const conflict = await russian('POST', '/api/v1/products', { code: 'ESB', name: 'ESB' });
    expect(conflict.json().title).toBe('Продукт с кодом ESB уже существует.');
  });

  it('says what to enter, in words for people, whatever check failed', async () => {
    const messagesOf = async (language: string, url: string, payload: unknown) => {
      const reader = caller(desk.app, await signIn(desk.app, ...ADMIN), language);
      const response = await reader('POST', url, payload);
      expect(response.statusCode).toBe(400);
      return Object.fromEntries(
        (response.json().errors as { field: string; message: string }[]).map((error) => [
          error.field,
          error.message,
        ]),
      );
    };
    const license = `/api/v1/organizations/${world.baltlog.id}/licenses`;
    expect(await messagesOf('ru', license, { productIds: [], validFrom: '01.02.2026' })).toEqual({
      number: 'Заполните это поле.',
      productIds: 'Выберите хотя бы один вариант.',
      validFrom: 'Укажите дату в виде ГГГГ-ММ-ДД, например 2026-03-05.',
    });
    expect(
      await messagesOf('en', license, { number: 'L'.repeat(65), productIds: 'esb', validFrom: '2026-01-01' }),
    ).toEqual({
      number: 'Shorten this to 64 characters at most.',
      productIds: 'Enter a list here.',
    });
    const certificate = await messagesOf('ru', `/api/v1/organizations/${world.baltlog.id}/certificates`, {
      number: 'С-1',
      level: 'gold',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      maxInstances: 0,
    });
    expect(certificate).toEqual({
      level: 'Выберите одно из значений: standard, extended.',
      maxInstances: 'Введите число не меньше 1.',
    });
    const russian = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
    const unexpected = await russian('PATCH', `/api/v1/certificates/${world.baltlog.certificates[0]?.id}`, {
      colour: 'green',
    });
    expect(unexpected.json().errors).toEqual([
      { field: 'colour', code: 'unrecognized_keys', message: 'Поле «colour» не предусмотрено.' },
    ]);
  });

  it('refuses a body that is not JSON, or not JSON at all', async () => {
    const session = await signIn(desk.app, ...ADMIN);
    const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const broken = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'invalid_json' });
    const form = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it("refuses a body nested 10,000 levels deep with a problem in the reader's language, and stores nothing", async () => {
    const session = await signIn(desk.app, ...ADMIN);
    const before = await desk.ctx.db.$count(organizations);
    const bodies = [
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
      `{"name":"Глубина","inn":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
    ];
    for (const [language, words] of [
      ['ru', 'вложены слишком глубоко'],
      ['en', 'nested too deeply'],
    ] as const) {
      for (const payload of bodies) {
        const answer = await desk.app.inject({
          method: 'POST',
          url: '/api/v1/organizations',
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            'content-type': 'application/json',
            'accept-language': language,
          },
          payload,
        });
        expect(answer.statusCode, answer.body.slice(0, 300)).toBe(400);
        expect(answer.headers['content-type']).toContain('application/problem+json');
        const problem = answer.json();
        expect(problem).toMatchObject({ code: 'validation_failed', errors: [{ code: 'nested_too_deep' }] });
        expect(problem.errors[0].message).toContain(words);
      }
    }
    expect(await desk.ctx.db.$count(organizations)).toBe(before);
  });
});
