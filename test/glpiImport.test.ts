import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGlpi } from '../src/app/import/glpiImport.js';
import { GlpiSourceError } from '../src/app/ports/glpiSource.js';
import { contactActor } from '../src/app/shared/actor.js';
import { getTicket } from '../src/app/tickets/queries.js';
import { runAutoClose, runSlaWatch } from '../src/app/tickets/sweeps.js';
import { openGlpiDatabase } from '../src/channels/glpi/glpiDatabase.js';
import { openGlpiFiles } from '../src/channels/glpi/glpiFiles.js';
import {
  agents,
  attachments,
  contacts,
  organizations,
  outbox,
  slaBreaches,
  ticketMessages,
  tickets,
} from '../src/db/schema.js';
import { DEFAULT_GLPI_MAPPING } from '../src/domain/glpi/glpiMapping.js';
import { run } from './support/cli.js';
import { databaseBackends } from './support/databases.js';
import {
  addDocument,
  addEntity,
  addFollowup,
  addSolution,
  addTask,
  addTicket,
  addUser,
  type GlpiFixture,
  glpiDatabase,
  glpiEncoded,
} from './support/glpi.js';
import { ADMIN, caller, openTestDesk, signIn, type TestDesk } from './support/testDesk.js';

const CUSTOMERS = [1, 2, 3, 4];

/** A vendor's GLPI as the tests find it: nested customers, quotes in names, people of every kind. */
async function fillGlpi(glpi: GlpiFixture) {
  const { db } = glpi;
  await addEntity(db, 1, 'ООО "Балтийская логистика"', 0);
  await addEntity(db, 2, 'Филиал "Север" &#38; Ко', 1);
  await addEntity(db, 3, 'Склад', 1);
  await addEntity(db, 4, 'Склад', 2);
  await addEntity(db, 5, 'Внутренний отдел', 0);
  await addUser(db, {
    id: 10,
    login: 'apetrova',
    firstName: 'Анна',
    realName: 'Петрова',
    phone: '8 (812) 333-44-55',
    emails: ['Anna.Petrova@baltlog.test', 'anna@old-baltlog.test'],
    profiles: [{ profileId: 1, entityId: 1 }],
  });
  await addUser(db, {
    id: 11,
    login: 'ivolkov',
    firstName: 'Игорь',
    realName: 'Волков',
    emails: ['igor.volkov@sever.test'],
    active: false,
    profiles: [{ profileId: 1, entityId: 2 }],
  });
  await addUser(db, {
    id: 12,
    login: 'gone',
    emails: ['gone@baltlog.test'],
    deleted: true,
    profiles: [{ profileId: 1, entityId: 1 }],
  });
  await addUser(db, {
    id: 13,
    login: 'tech',
    firstName: 'Олег',
    realName: 'Сидоров',
    emails: ['oleg.sidorov@vendor.test'],
    profiles: [{ profileId: 6, entityId: 0 }],
  });
  await addUser(db, {
    id: 14,
    login: 'inside',
    emails: ['inside@vendor.test'],
    profiles: [{ profileId: 1, entityId: 5 }],
  });
  await addUser(db, { id: 15, login: 'nomail', profiles: [{ profileId: 1, entityId: 1 }] });
  await addUser(db, {
    id: 16,
    login: 'badmail',
    emails: ['not-an-address'],
    profiles: [{ profileId: 1, entityId: 3 }],
  });
}

const PDF = Buffer.from('%PDF-1.4 отчёт о работе сервера');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
/** A one-pixel PNG as a browser pastes it into TinyMCE. */
const PASTED =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * Tickets of every status, across the New Year, with followups public and private, a task, a solution,
 * documents good, damaged and missing, HTML with a script and a pasted image, and ones to be skipped.
 */
async function fillTickets(glpi: GlpiFixture, filesDir: string) {
  const { db } = glpi;
  await addTicket(db, {
    id: 100,
    entityId: 1,
    name: 'Сервер &#38; диск',
    content: glpiEncoded(
      '<p>Сервер&nbsp;упал &amp; не встаёт</p><script>alert("x")</script><style>p{color:red}</style>' +
        `<p>См. <a href="https://status.baltlog.test">статус</a></p><p><img src="data:image/png;base64,${PASTED}" /></p>`,
    ),
    status: 1,
    priority: 5,
    // 01:30 on the first of January in Moscow.
    date: '2025-12-31 22:30:00',
    requesterId: 10,
  });
  await addTicket(db, {
    id: 101,
    entityId: 2,
    name: 'Медленные отчёты',
    // A NUL, which MySQL keeps and PostgreSQL cannot: dropped on the way.
    content: glpiEncoded('<p>Отчёты строятся\u0000 по часу</p>'),
    status: 2,
    priority: 4,
    date: '2026-01-09 07:00:00',
    requesterId: 11,
    assigneeId: 13,
  });
  await addFollowup(db, {
    id: 1001,
    ticketId: 101,
    userId: 11,
    content: glpiEncoded('<p>Прикладываю журнал</p>'),
    date: '2026-01-09 08:00:00',
  });
  await addFollowup(db, {
    id: 1002,
    ticketId: 101,
    userId: 13,
    content: glpiEncoded('<p>Похоже на индекс</p>'),
    date: '2026-01-09 09:00:00',
    private: true,
  });
  await addTask(db, {
    id: 2001,
    ticketId: 101,
    userId: 13,
    content: glpiEncoded('<p>Перестроить индекс</p>'),
    date: '2026-01-09 10:00:00',
  });
  await addTicket(db, {
    id: 102,
    entityId: 1,
    name: 'Ждём журнал',
    content: glpiEncoded('<p>Нужен журнал</p>'),
    status: 4,
    date: '2026-02-02 07:00:00',
    requesterId: 10,
  });
  await addTicket(db, {
    id: 103,
    entityId: 1,
    name: 'Ошибка печати',
    content: glpiEncoded('<p>Не печатает</p>'),
    status: 5,
    date: '2026-03-02 07:00:00',
    takeIntoAccountDate: '2026-03-02 07:30:00',
    solveDate: '2026-03-03 10:00:00',
    requesterId: 10,
  });
  await addSolution(db, {
    id: 3001,
    ticketId: 103,
    userId: 13,
    content: glpiEncoded('<p>Обновите драйвер</p>'),
    date: '2026-03-03 10:00:00',
  });
  await addDocument(db, filesDir, {
    id: 501,
    ticketId: 103,
    fileName: 'отчёт.pdf',
    content: PDF,
    item: { type: 'ITILSolution', id: 3001 },
  });
  await addDocument(db, filesDir, {
    id: 502,
    ticketId: 103,
    fileName: 'screen.png',
    content: PNG,
    item: { type: 'Ticket', id: 103 },
  });
  await addTicket(db, {
    id: 104,
    entityId: 3,
    name: 'Старый вопрос',
    content: glpiEncoded('<p>Как выгрузить склад?</p>'),
    status: 6,
    type: 2,
    date: '2025-11-20 09:00:00',
    closeDate: '2025-11-25 12:00:00',
    requesterEmail: 'Someone@Sklad.test',
  });
  await addFollowup(db, {
    id: 1003,
    ticketId: 104,
    userId: 0,
    content: glpiEncoded('<p>Спасибо, получилось</p>'),
    date: '2025-11-25 11:00:00',
    byMail: true,
  });
  await addTicket(db, {
    id: 105,
    entityId: 1,
    name: 'В корзине',
    content: '',
    status: 1,
    date: '2026-01-10 07:00:00',
    deleted: true,
  });
  await addTicket(db, {
    id: 106,
    entityId: 5,
    name: 'Внутреннее',
    content: '',
    status: 1,
    date: '2026-01-10 07:00:00',
  });
  await addTicket(db, {
    id: 107,
    entityId: 1,
    name: 'Файлы',
    content: glpiEncoded('<p>Во вложении</p>'),
    status: 2,
    date: '2026-04-01 07:00:00',
    requesterId: 10,
  });
  await addDocument(db, filesDir, {
    id: 503,
    ticketId: 107,
    fileName: 'damaged.txt',
    content: Buffer.from('как есть'),
    recordedSha1: 'a'.repeat(40),
    item: { type: 'Ticket', id: 107 },
  });
  await addDocument(db, filesDir, {
    id: 504,
    ticketId: 107,
    fileName: 'lost.txt',
    content: Buffer.from('потерян'),
    missing: true,
    item: { type: 'Ticket', id: 107 },
  });
  await addTicket(db, {
    id: 109,
    entityId: 4,
    name: 'Плановое обновление',
    content: glpiEncoded('<p>Обновить в субботу</p>'),
    status: 3,
    priority: 1,
    date: '2026-01-05 06:00:00',
  });
  // Status 10 (approval) belongs to GLPI's changes: the default table does not map it.
  await addTicket(db, {
    id: 108,
    entityId: 1,
    name: 'Согласование',
    content: '',
    status: 10,
    date: '2026-01-10 07:00:00',
  });
}

describe.each(databaseBackends)('importing a GLPI database on $name', (backend) => {
  let glpi: GlpiFixture;
  let desk: TestDesk;
  let filesDir: string;

  beforeAll(async () => {
    glpi = await glpiDatabase();
    filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
    await fillGlpi(glpi);
    await fillTickets(glpi, filesDir);
    desk = await openTestDesk(backend);
  });
  afterAll(async () => {
    await desk?.close();
    await glpi?.drop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const importOnce = async (dryRun = false) => {
    const source = await openGlpiDatabase(glpi.url);
    try {
      return await importGlpi(desk.ctx, source, {
        entityIds: CUSTOMERS,
        dryRun,
        files: await openGlpiFiles(filesDir),
        mapping: DEFAULT_GLPI_MAPPING,
      });
    } finally {
      await source.close();
    }
  };
  const imported = async (glpiId: number) => {
    const [row] = await desk.database.db
      .select()
      .from(tickets)
      .where(and(eq(tickets.importedFrom, 'glpi'), eq(tickets.externalReference, String(glpiId))));
    if (!row) throw new Error(`GLPI ticket ${glpiId} was not imported`);
    return row;
  };
  const messagesOf = (ticketId: string) =>
    desk.database.db
      .select()
      .from(ticketMessages)
      .where(eq(ticketMessages.ticketId, ticketId))
      .orderBy(ticketMessages.createdAt, ticketMessages.sequence);
  const organizationNamed = async (name: string) =>
    (await desk.database.db.select().from(organizations).where(eq(organizations.name, name)))[0];

  it('says what a run would do and writes nothing with --dry-run', async () => {
    const report = await importOnce(true);
    expect(report).toMatchObject({
      organizations: 4,
      contacts: 2,
      agents: 1,
      tickets: 7,
      messages: 8,
      attachments: 3,
    });
    expect(await organizationNamed('ООО "Балтийская логистика"')).toBeUndefined();
    const [{ count }] = (await desk.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(isNotNull(tickets.importedFrom))) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('takes the chosen entities, their self-service users and the technicians, and reports what it skipped', async () => {
    const report = await importOnce();
    expect(report).toMatchObject({
      organizations: 4,
      contacts: 2,
      agents: 1,
      tickets: 7,
      messages: 8,
      attachments: 3,
    });
    expect(report.skipped).toEqual([
      { kind: 'user', id: 12, reason: 'in the GLPI trash' },
      { kind: 'user', id: 14, reason: 'not in a customer entity' },
      { kind: 'user', id: 15, reason: 'no e-mail address' },
      { kind: 'user', id: 16, reason: expect.stringContaining('email') },
      { kind: 'ticket', id: 105, reason: 'in the GLPI trash' },
      { kind: 'ticket', id: 106, reason: 'its entity 5 is not a customer' },
      {
        kind: 'document',
        id: 503,
        reason: expect.stringMatching(
          /^damaged\.txt: the file at .+ has SHA-1 [0-9a-f]{40}, GLPI recorded a{40}$/,
        ),
      },
      {
        kind: 'document',
        id: 504,
        reason: expect.stringMatching(/^lost\.txt: no file at .+\/TXT\/.+\.TXT$/),
      },
      { kind: 'ticket', id: 108, reason: expect.stringContaining('its status 10 has no mapping') },
    ]);

    expect(await organizationNamed('ООО "Балтийская логистика"')).toMatchObject({
      note: 'GLPI: Корневая организация',
    });
    expect(await organizationNamed('Филиал "Север" & Ко')).toMatchObject({
      note: 'GLPI: Корневая организация > ООО "Балтийская логистика"',
    });
    // The second "Склад" is named by its whole path, since names are unique here.
    expect(await organizationNamed('Склад')).toBeDefined();
    expect(
      await organizationNamed(
        'Корневая организация > ООО "Балтийская логистика" > Филиал "Север" & Ко > Склад',
      ),
    ).toBeDefined();
    expect(await organizationNamed('Внутренний отдел')).toBeUndefined();

    const [anna] = await desk.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'anna.petrova@baltlog.test'));
    expect(anna).toMatchObject({
      name: 'Анна Петрова',
      phone: '+78123334455',
      otherEmails: ['anna@old-baltlog.test'],
      active: true,
      passwordHash: null,
    });
    const [igor] = await desk.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'igor.volkov@sever.test'));
    expect(igor?.active).toBe(false);
    const [oleg] = await desk.database.db
      .select()
      .from(agents)
      .where(eq(agents.email, 'oleg.sidorov@vendor.test'));
    expect(oleg).toMatchObject({ name: 'Олег Сидоров', role: 'agent', passwordHash: null, active: true });
    const invitations = await desk.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.topic, 'mail.account_link'));
    expect(
      invitations.map((entry) => (entry.payload as { recipient: { id: string } }).recipient.id),
    ).toContain(oleg?.id);
  });

  it('keeps a ticket as history: its GLPI number, times, people and safe text, not measured against the SLA', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const server = await imported(100);
    const response = await admin('GET', `/api/v1/tickets/${server.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      importedFrom: 'glpi',
      externalReference: '100',
      subject: 'Сервер & диск',
      status: 'new',
      severity: 'critical',
      level: null,
      instanceId: null,
      registeredAt: '2025-12-31T22:30:00.000Z',
      breached: false,
      countdown: null,
      sla: null,
    });
    // Numbered in the Moscow year it was opened in: already 2026 there.
    expect(detail.number).toMatch(/^SD-2026-\d{5}$/);
    expect(detail.description).toBe(
      'Сервер упал & не встаёт\n\nСм. статус (https://status.baltlog.test)\n\n[image-1.png]',
    );
    expect(detail.messages).toEqual([]);
    expect(detail.descriptionAttachments).toMatchObject([
      { fileName: 'image-1.png', contentType: 'image/png' },
    ]);
    expect(detail.allowedActions).toContain('reply');
    expect(detail.allowedActions).not.toContain('changeSeverity');
    expect(detail.allowedActions).not.toContain('logTime');

    const found = await admin('GET', `/api/v1/tickets?q=${encodeURIComponent('GLPI 101')}`);
    expect(found.json().items.map((item: { externalReference: string }) => item.externalReference)).toEqual([
      '101',
    ]);

    const reports = await imported(101);
    const timeline = await messagesOf(reports.id);
    expect(timeline.map((message) => [message.kind, message.visibility, message.body])).toEqual([
      ['customer', 'public', 'Прикладываю журнал'],
      ['note', 'internal', 'Похоже на индекс'],
      ['note', 'internal', 'Перестроить индекс'],
    ]);
    const [igor] = await desk.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'igor.volkov@sever.test'));
    const [oleg] = await desk.database.db
      .select()
      .from(agents)
      .where(eq(agents.email, 'oleg.sidorov@vendor.test'));
    expect(reports.description).toBe('Отчёты строятся по часу');
    expect(reports).toMatchObject({
      contactId: igor?.id,
      assigneeId: oleg?.id,
      status: 'in_progress',
      severity: 'high',
    });
    expect(timeline[0]?.authorId).toBe(igor?.id);
    expect(timeline[1]).toMatchObject({ authorType: 'agent', authorId: oleg?.id });
    // The inactive contact still reads their request, and only its public part.
    const asIgor = await getTicket(desk.ctx, contactActor(igor as typeof contacts.$inferSelect), reports.id);
    expect(asIgor.messages.map((message) => message.body)).toEqual(['Прикладываю журнал']);

    const printing = await imported(103);
    expect(printing).toMatchObject({
      status: 'resolved',
      firstResponseAt: new Date('2026-03-02T07:30:00Z'),
      resolvedAt: new Date('2026-03-03T10:00:00Z'),
    });
    const printingMessages = await messagesOf(printing.id);
    expect(printingMessages.map((message) => message.kind)).toEqual(['attachments', 'resolution']);
    const files = await desk.database.db
      .select()
      .from(attachments)
      .where(eq(attachments.ticketId, printing.id))
      .orderBy(attachments.fileName);
    expect(files.map((file) => [file.fileName, file.messageId, file.sha256])).toEqual([
      ['screen.png', printingMessages[0]?.id, createHash('sha256').update(PNG).digest('hex')],
      ['отчёт.pdf', printingMessages[1]?.id, createHash('sha256').update(PDF).digest('hex')],
    ]);

    const question = await imported(104);
    expect(question).toMatchObject({
      contactId: null,
      requesterEmail: 'someone@sklad.test',
      status: 'closed',
      category: 'consultation',
      closedAt: new Date('2025-11-25T12:00:00Z'),
    });
    expect((await messagesOf(question.id))[0]).toMatchObject({
      authorType: 'contact',
      authorName: 'someone@sklad.test',
      channel: 'email',
    });
    const questionPage = await admin('GET', `/api/v1/tickets/${question.id}`);
    expect(questionPage.json()).toMatchObject({ contact: null, requesterEmail: 'someone@sklad.test' });
    const context = await admin('GET', `/api/v1/tickets/${question.id}/context`);
    expect(context.statusCode, context.body).toBe(200);
    expect(context.json().contact).toBeNull();
  });

  it('maps every GLPI status of a ticket, and a priority to a severity', async () => {
    const statuses = await Promise.all(
      [100, 101, 109, 102, 103, 104].map(async (id) => (await imported(id)).status),
    );
    expect(statuses).toEqual([
      'new',
      'in_progress',
      'in_progress',
      'waiting_for_customer',
      'resolved',
      'closed',
    ]);
    // Planned, of the nested "Склад" under "Север", very low priority, and GLPI knew no requester.
    expect(await imported(109)).toMatchObject({ severity: 'low', contactId: null, requesterEmail: null });
  });

  it('never reminds, warns, breaches, closes or notifies anyone about an imported request', async () => {
    const ids = (
      await desk.database.db.select({ id: tickets.id }).from(tickets).where(isNotNull(tickets.importedFrom))
    ).map((row) => row.id);
    expect(ids).toHaveLength(7);
    desk.clock.advance(60 * 24 * 3_600_000);
    await runSlaWatch(desk.ctx);
    await runAutoClose(desk.ctx);
    expect(
      await desk.database.db.select().from(slaBreaches).where(inArray(slaBreaches.ticketId, ids)),
    ).toEqual([]);
    const waiting = await imported(102);
    expect(waiting).toMatchObject({ status: 'waiting_for_customer', autoCloseAt: null, slaBreachedAt: null });
    const notices = await desk.database.db
      .select()
      .from(outbox)
      .where(inArray(sql`${outbox.payload}->>'ticketId'`, ids));
    expect(notices).toEqual([]);
  });

  it('adds nothing on a second run, and only what changed in GLPI on a later one', async () => {
    expect(await importOnce()).toMatchObject({
      organizations: 0,
      contacts: 0,
      agents: 0,
      tickets: 0,
      messages: 0,
      attachments: 0,
    });
    await glpi.db.query("update glpi_users set realname = 'Петрова-Смирнова' where id = 10");
    await addUser(glpi.db, {
      id: 17,
      login: 'new',
      firstName: 'Нина',
      emails: ['nina@baltlog.test'],
      profiles: [{ profileId: 1, entityId: 1 }],
    });
    expect(await importOnce()).toMatchObject({ organizations: 0, contacts: 2, agents: 0 });
    const [anna] = await desk.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'anna.petrova@baltlog.test'));
    expect(anna?.name).toBe('Анна Петрова-Смирнова');
    const annas = await desk.database.db
      .select()
      .from(contacts)
      .where(eq(contacts.email, 'anna.petrova@baltlog.test'));
    expect(annas).toHaveLength(1);
  });

  it('takes exactly the tickets added in GLPI since, and a new followup on one it had', async () => {
    for (const id of [200, 201, 202, 203, 204]) {
      await addTicket(glpi.db, {
        id,
        entityId: 1,
        name: `Новый ${id}`,
        content: glpiEncoded('<p>Ещё один</p>'),
        status: 1,
        date: '2026-05-05 07:00:00',
        requesterId: 10,
      });
    }
    expect(await importOnce()).toMatchObject({ tickets: 5, messages: 0, attachments: 0 });
    const all = await desk.database.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(isNotNull(tickets.importedFrom));
    expect(all).toHaveLength(12);

    await addFollowup(glpi.db, {
      id: 1004,
      ticketId: 101,
      userId: 13,
      content: glpiEncoded('<p>Индекс перестроен</p>'),
      date: '2026-01-10 07:00:00',
    });
    expect(await importOnce()).toMatchObject({ tickets: 1, messages: 1, attachments: 0 });
    const bodies = (await messagesOf((await imported(101)).id)).map((message) => message.body);
    expect(bodies).toEqual([
      'Прикладываю журнал',
      'Похоже на индекс',
      'Перестроить индекс',
      'Индекс перестроен',
    ]);

    // The damaged file put right in the folder: the next run takes it, and only it.
    const damaged = await glpi.db.query('select filepath from glpi_documents where id = 503');
    const [[row]] = damaged as unknown as [{ filepath: string }[]];
    const fixed = Buffer.from('исправлен');
    writeFileSync(join(filesDir, row?.filepath ?? ''), fixed);
    await glpi.db.query('update glpi_documents set sha1sum = ? where id = 503', [
      createHash('sha1').update(fixed).digest('hex'),
    ]);
    const report = await importOnce();
    expect(report).toMatchObject({ tickets: 1, attachments: 1 });
    expect(
      report.skipped.filter((skipped) => skipped.kind === 'document').map((skipped) => skipped.id),
    ).toEqual([504]);
  });

  it('skips the one ticket the database refuses, writes the rest of its page, and takes it once it can', async () => {
    for (const id of [300, 301, 302]) {
      await addTicket(glpi.db, {
        id,
        entityId: 1,
        name: `Страница ${id}`,
        content: glpiEncoded('<p>Текст</p>'),
        status: 1,
        date: '2026-06-01 07:00:00',
        requesterId: 10,
      });
    }
    // The desk's database refuses one row, as a full disk or a broken constraint would.
    await desk.database.db.execute(sql`create function refuse_301() returns trigger language plpgsql as $$
      begin
        if new.external_reference = '301' then raise exception 'refused for the test'; end if;
        return new;
      end $$`);
    await desk.database.db.execute(
      sql`create trigger refuse_301 before insert on tickets for each row execute function refuse_301()`,
    );
    const report = await importOnce();
    expect(report.tickets).toBe(2);
    expect(report.skipped).toContainEqual({
      kind: 'ticket',
      id: 301,
      reason: expect.stringMatching(/^not written: .*refused for the test/),
    });
    expect((await imported(300)).subject).toBe('Страница 300');
    expect((await imported(302)).subject).toBe('Страница 302');

    await desk.database.db.execute(sql`drop trigger refuse_301 on tickets`);
    expect(await importOnce()).toMatchObject({ tickets: 1, messages: 0 });
    expect((await imported(301)).subject).toBe('Страница 301');
  });

  it('reads a GLPI 9.5 database, which has no take-into-account time', async () => {
    await glpi.db.query('alter table glpi_tickets drop column takeintoaccountdate');
    await glpi.db.query("update glpi_configs set value = '9.5.13' where name = 'version'");
    try {
      // Read whole; only the ticket that had such a time reads as changed (a dry run writes nothing).
      expect(await importOnce(true)).toMatchObject({ tickets: 1, messages: 0, attachments: 0 });
    } finally {
      await glpi.db.query(
        'alter table glpi_tickets add column takeintoaccountdate timestamp null default null',
      );
      await glpi.db.query("update glpi_configs set value = '10.0.17' where name = 'version'");
    }
  });

  it('names what is wrong with a database that cannot be read as GLPI', async () => {
    await expect(openGlpiDatabase('mysql://root@127.0.0.1:1/glpi', { timeoutMs: 2_000 })).rejects.toThrow(
      /cannot reach the GLPI database at 127\.0\.0\.1:1\/glpi/,
    );
    await glpi.db.query("update glpi_configs set value = '9.1.3' where name = 'version'");
    await expect(openGlpiDatabase(glpi.url)).rejects.toThrow(
      /is GLPI 9\.1\.3; the importer reads GLPI 9\.5 and 10/,
    );
    await glpi.db.query("update glpi_configs set value = '10.0.17' where name = 'version'");
    await glpi.db.query('rename table glpi_itilfollowups to glpi_followups_elsewhere');
    await expect(openGlpiDatabase(glpi.url)).rejects.toBeInstanceOf(GlpiSourceError);
    await glpi.db.query('rename table glpi_followups_elsewhere to glpi_itilfollowups');
  });
});

describe('the import glpi command', () => {
  let glpi: GlpiFixture;
  let dataDir: string;
  let filesDir: string;

  beforeAll(async () => {
    glpi = await glpiDatabase();
    filesDir = mkdtempSync(join(tmpdir(), 'glpi-files-'));
    await fillGlpi(glpi);
    await fillTickets(glpi, filesDir);
    dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-import-'));
  });
  afterAll(async () => {
    await glpi?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  });

  it('ends with one line of JSON counts, after the skipped records and their reasons', async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const args = [
      'import',
      'glpi',
      '--database',
      glpi.url,
      '--files',
      filesDir,
      '--timezone',
      'Europe/Moscow',
      ...CUSTOMERS.flatMap((id) => ['--entity', String(id)]),
    ];
    const first = await run(args, env);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({
      organizations: 4,
      contacts: 2,
      agents: 1,
      tickets: 7,
      messages: 8,
      attachments: 3,
      skipped: 9,
    });
    expect(lines).toContain('skipped GLPI user 12: in the GLPI trash');
    expect(lines).toContain('skipped GLPI ticket 105: in the GLPI trash');
    expect(first.stderr).toMatch(/^tickets: 10$/m);
    expect(first.stderr).toContain('reading GLPI 10.0.17');
    const again = await run(args, env);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
      organizations: 0,
      contacts: 0,
      agents: 0,
      tickets: 0,
    });
  });

  it('names what is wrong with the options before it reads anything', async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const base = ['import', 'glpi', '--database', glpi.url, '--files', filesDir];
    const unreachable = await run(
      ['import', 'glpi', '--database', 'mysql://root@127.0.0.1:1/glpi', '--files', filesDir],
      env,
    );
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toMatch(/cannot reach the GLPI database at 127\.0\.0\.1:1\/glpi/);

    const noFolder = await run(
      ['import', 'glpi', '--database', glpi.url, '--files', join(dataDir, 'absent')],
      env,
    );
    expect(noFolder.code).not.toBe(0);
    expect(noFolder.stderr).toContain(`the GLPI files folder ${join(dataDir, 'absent')} does not exist`);

    const badZone = await run([...base, '--timezone', 'Europe/Moskva'], env);
    expect(badZone.stderr).toContain('--timezone takes a time zone such as Europe/Moscow, not Europe/Moskva');

    const mappingFile = join(dataDir, 'mapping.json');
    writeFileSync(mappingFile, JSON.stringify({ status: { '10': 'approved' }, severity: { '5': 'high' } }));
    const badMapping = await run([...base, '--mapping', mappingFile], env);
    expect(badMapping.code).not.toBe(0);
    expect(badMapping.stderr).toContain('status.10: must map a GLPI number to one of new');
  });
});
