import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import { ADMIN, type Caller, caller, openTestDesk, signIn, type TestDesk } from './support/testDesk.js';

describe.each(databaseBackends)("an organization's INN and a contact's phone on $name", (backend) => {
  let desk: TestDesk;
  let admin: Caller;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
  });
  afterAll(() => desk.close());

  it('takes an INN only with its check digits right, and one organization per INN', async () => {
    const wrong = await admin('POST', '/api/v1/organizations', { name: 'ООО «Опечатка»', inn: '7707083894' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([
      {
        field: 'inn',
        code: 'custom',
        message: 'В ИНН ошибка: контрольные цифры не сходятся. Проверьте номер.',
      },
    ]);
    const company = await admin('POST', '/api/v1/organizations', {
      name: 'ПАО «Пример»',
      inn: ' 7707083893 ',
    });
    expect(company.statusCode, company.body).toBe(201);
    expect(company.json().inn).toBe('7707083893');
    const soleTrader = await admin('POST', '/api/v1/organizations', {
      name: 'ИП Петров',
      inn: '500100732259',
    });
    expect(soleTrader.statusCode, soleTrader.body).toBe(201);
    const again = await admin('POST', '/api/v1/organizations', { name: 'ПАО «Пример-2»', inn: '7707083893' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'organization_inn_taken', field: 'inn' });
    expect(again.json().title).toBe('Организация с ИНН 7707083893 уже есть.');
    // Without an INN (a foreign customer) any number of organizations.
    for (const name of ['Foreign GmbH', 'Foreign s.r.o.'])
      expect((await admin('POST', '/api/v1/organizations', { name })).statusCode).toBe(201);
  });

  it('keeps a phone written the usual Russian way as E.164', async () => {
    const organization = (await admin('POST', '/api/v1/organizations', { name: 'ООО «Телефоны»' })).json();
    const contacts = [
      ['+7 912 345-67-89', '+79123456789'],
      ['8 (495) 123-45-67', '+74951234567'],
      ['+420 601 234 567', '+420601234567'],
    ];
    for (const [index, [written, stored]] of contacts.entries()) {
      const created = await admin('POST', `/api/v1/organizations/${organization.id}/contacts`, {
        name: `Контакт ${index}`,
        email: `contact${index}@phones.example`,
        phone: written,
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().phone).toBe(stored);
    }
  });

  it('checks the KPP and OGRN, and that they match the kind of INN', async () => {
    const company = { name: 'ООО «Реестр»', inn: '7736050003', kpp: '773601001', ogrn: '1027700132195' };
    const created = await admin('POST', '/api/v1/organizations', company);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kpp: '773601001', ogrn: '1027700132195', active: true });
    const badOgrn = await admin('POST', '/api/v1/organizations', {
      name: 'ООО «Ошибка»',
      ogrn: '1027700132196',
    });
    expect(badOgrn.json().errors[0]).toMatchObject({ field: 'ogrn' });
    expect(badOgrn.json().errors[0].message).toContain('контрольной цифрой');
    const badKpp = await admin('POST', '/api/v1/organizations', { name: 'ООО «Ошибка»', kpp: '77AB01001' });
    expect(badKpp.json().errors[0]).toMatchObject({ field: 'kpp' });
    const soleTraderWithCompanyOgrn = await admin('POST', '/api/v1/organizations', {
      name: 'ИП Сидоров',
      inn: '500100732259',
      ogrn: '1027700132195',
    });
    expect(soleTraderWithCompanyOgrn.statusCode).toBe(400);
    expect(soleTraderWithCompanyOgrn.json().errors[0]).toMatchObject({ field: 'ogrn' });
    // Changed later to numbers of the other kind, the same rule holds.
    const changed = await admin('PATCH', `/api/v1/organizations/${created.json().id}`, {
      inn: '500100732259',
    });
    expect(changed.statusCode).toBe(400);
    expect(changed.json()).toMatchObject({ code: 'organization_registry_kind', field: 'ogrn' });
  });
});
