import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectIntake } from '../src/app/tickets/registerRequest.js';
import { auditEvents, contacts } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  instanceNamed,
  openTestDesk,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

/**
 * A refused message is no dead end: an administrator registers it for the known contact it came from
 * (their other address), or adds its sender as a contact of their organization; each settles it once,
 * under the usual rules, and the audit log says who did it.
 */
describe.each(databaseBackends)('settling refused messages ($name)', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let agent: Caller;
  let world: DemoWorld;

  /** A mail the desk refused, as the mail channel logs it. */
  async function refusedMail(sender: string, subject: string, channel: 'email' | 'telegram' = 'email') {
    const refused = await rejectIntake(
      desk.ctx,
      {
        channel,
        sender,
        severity: 'high',
        subject,
        description: `${subject}: журнал во вложении.`,
        instanceId: null,
      },
      undefined,
      null,
      'contact_unknown',
      desk.clock.now(),
    );
    return refused.rejectionId;
  }

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
  });
  afterAll(() => desk?.close());

  it('registers a refused request for a known contact, once, audited', async () => {
    const rejectionId = await refusedMail('anna.home@mail.example', 'Импорт накладных остановился');
    const anna = world.baltlog.contacts.find((contact) => contact.email === 'anna.petrova@baltlog.example');
    const body = {
      contactId: anna?.id,
      instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
      severity: 'high',
    };
    const url = `/api/v1/intake-rejections/${rejectionId}/registration`;
    expect((await agent('POST', url, body)).statusCode).toBe(403);

    const settled = await admin('POST', url, body);
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json().settlement).toMatchObject({
      kind: 'registered',
      by: expect.stringContaining('admin@supportdesk.example'),
      ticket: { number: expect.stringMatching(/^SD-2026-\d{5}$/) },
    });
    const ticket = (await admin('GET', `/api/v1/tickets/${settled.json().settlement.ticket.id}`)).json();
    expect(ticket).toMatchObject({
      subject: 'Импорт накладных остановился',
      contactId: anna?.id,
      channel: 'email',
      description: 'Импорт накладных остановился: журнал во вложении.',
    });

    const again = await admin('POST', url, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('rejection_settled');
    const listed = (await admin('GET', '/api/v1/intake-rejections')).json();
    expect(listed.find((row: { id: string }) => row.id === rejectionId).settlement.kind).toBe('registered');
    const audited = await desk.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, 'intake_rejection'), eq(auditEvents.entityId, rejectionId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.after).toMatchObject({ kind: 'registered', ticketId: ticket.id });
  });

  it('adds a refused sender as a contact of an organization, under the rules for contacts', async () => {
    const rejectionId = await refusedMail('oleg.new@baltlog.example', 'Доступ к порталу');
    const url = `/api/v1/intake-rejections/${rejectionId}/contact`;
    const added = await admin('POST', url, { organizationId: world.baltlog.id, name: 'Олег Новиков' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().settlement).toMatchObject({ kind: 'contact_added', contactId: expect.any(String) });
    const [contact] = await desk.ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'oleg.new@baltlog.example'));
    expect(contact).toMatchObject({ organizationId: world.baltlog.id, name: 'Олег Новиков', active: true });

    // An address that is already a contact's is refused as it is for any new contact, and nothing is settled.
    const taken = await refusedMail('anna.petrova@baltlog.example', 'Ещё раз');
    const refused = await admin('POST', `/api/v1/intake-rejections/${taken}/contact`, {
      organizationId: world.baltlog.id,
      name: 'Анна Петрова',
    });
    expect(refused.statusCode).toBe(409);
    const stillOpen = (await admin('GET', '/api/v1/intake-rejections')).json();
    expect(stillOpen.find((row: { id: string }) => row.id === taken).settlement).toBeNull();

    const telegram = await refusedMail('telegram:4242', 'Из бота', 'telegram');
    const noAddress = await admin('POST', `/api/v1/intake-rejections/${telegram}/contact`, {
      organizationId: world.baltlog.id,
      name: 'Кто-то из бота',
    });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().code).toBe('rejection_sender_not_address');
  });
});
