import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertificateReminders } from '../src/app/customers/certificateReminders.js';
import { notifications, outboundMail } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  openTestDesk,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

describe.each(databaseBackends)('reminders before a certificate ends, on $name', (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let admin: ReturnType<typeof caller>;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
  });
  afterAll(() => desk?.close());

  const certificate = async (number: string, validTo: string) => {
    const created = await admin('POST', `/api/v1/organizations/${world.baltlog.id}/certificates`, {
      number,
      level: 'standard',
      validFrom: '2026-01-01',
      validTo,
      maxInstances: 1,
    });
    expect(created.statusCode, created.body).toBe(201);
  };
  const sent = async (template: string, number: string) =>
    (await desk.ctx.db.select().from(notifications).where(eq(notifications.template, template))).filter(
      (note) => (note.params as { number?: string }).number === number,
    );

  it('reminds the customer’s contacts and the vendor’s administrators 30 days before, once', async () => {
    await certificate('СТП-ТЕСТ-30', '2026-12-24');
    expect(await runCertificateReminders(desk.ctx)).toEqual({ reminded: 1 });
    expect(await runCertificateReminders(desk.ctx)).toEqual({ reminded: 0 });
    await deliverOutbox(desk.ctx);
    const customer = await sent('certificate_expiring', 'СТП-ТЕСТ-30');
    const activeContacts = world.baltlog.contacts.filter((contact) => contact.active).length;
    expect(customer).toHaveLength(activeContacts);
    expect(customer[0]?.params).toMatchObject({ days: 30, validTo: '2026-12-24' });
    expect(await sent('certificate_expiring_vendor', 'СТП-ТЕСТ-30')).toHaveLength(1);
    const [mail] = await desk.ctx.db
      .select()
      .from(outboundMail)
      .where(and(eq(outboundMail.recipient, 'anna.petrova@baltlog.example')));
    expect(mail?.subject).toBe(
      'Сертификат технической поддержки СТП-ТЕСТ-30 (уровень «Стандартная») действует до 24.12.2026: осталось 30 дней.',
    );
  });

  it('reminds again 7 days before, and a certificate found late gets the nearer reminder only', async () => {
    desk.clock.set(new Date('2026-12-17T06:00:00Z'));
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN)); // the earlier session ended with the weeks
    await certificate('СТП-ТЕСТ-5', '2026-12-22');
    expect(await runCertificateReminders(desk.ctx)).toEqual({ reminded: 2 });
    await deliverOutbox(desk.ctx);
    expect(
      (await sent('certificate_expiring', 'СТП-ТЕСТ-30')).map(
        (note) => (note.params as { days: number }).days,
      ),
    ).toContain(7);
    expect(await sent('certificate_expiring_vendor', 'СТП-ТЕСТ-5')).toHaveLength(1);
    desk.clock.set(new Date('2026-12-20T06:00:00Z'));
    expect(await runCertificateReminders(desk.ctx)).toEqual({ reminded: 0 });
  });
});
