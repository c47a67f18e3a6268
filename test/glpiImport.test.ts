import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGlpi } from '../src/app/import/glpiImport.js';
import { GlpiSourceError } from '../src/app/ports/glpiSource.js';
import { openGlpiDatabase } from '../src/channels/glpi/glpiDatabase.js';
import { agents, contacts, organizations, outbox } from '../src/db/schema.js';
import { run } from './support/cli.js';
import { databaseBackends } from './support/databases.js';
import { addEntity, addUser, type GlpiFixture, glpiDatabase } from './support/glpi.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

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

describe.each(databaseBackends)('importing a GLPI database on $name', (backend) => {
  let glpi: GlpiFixture;
  let desk: TestDesk;

  beforeAll(async () => {
    glpi = await glpiDatabase();
    await fillGlpi(glpi);
    desk = await openTestDesk(backend);
  });
  afterAll(async () => {
    await desk?.close();
    await glpi?.drop();
  });

  const importOnce = async (dryRun = false) => {
    const source = await openGlpiDatabase(glpi.url);
    try {
      return await importGlpi(desk.ctx, source, { entityIds: CUSTOMERS, dryRun });
    } finally {
      await source.close();
    }
  };
  const organizationNamed = async (name: string) =>
    (await desk.database.db.select().from(organizations).where(eq(organizations.name, name)))[0];

  it('says what a run would do and writes nothing with --dry-run', async () => {
    const report = await importOnce(true);
    expect(report).toMatchObject({ organizations: 4, contacts: 2, agents: 1 });
    expect(await organizationNamed('ООО "Балтийская логистика"')).toBeUndefined();
  });

  it('takes the chosen entities, their self-service users and the technicians, and reports what it skipped', async () => {
    const report = await importOnce();
    expect(report).toMatchObject({ organizations: 4, contacts: 2, agents: 1, tickets: 0 });
    expect(report.skipped).toEqual([
      { kind: 'user', id: 12, reason: 'in the GLPI trash' },
      { kind: 'user', id: 14, reason: 'not in a customer entity' },
      { kind: 'user', id: 15, reason: 'no e-mail address' },
      { kind: 'user', id: 16, reason: expect.stringContaining('email') },
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

  it('adds nothing on a second run, and only what changed in GLPI on a later one', async () => {
    expect(await importOnce()).toMatchObject({ organizations: 0, contacts: 0, agents: 0 });
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

  it('names what is wrong with a database that cannot be read as GLPI', async () => {
    await expect(openGlpiDatabase('mysql://root@127.0.0.1:1/glpi', 2_000)).rejects.toThrow(
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

  beforeAll(async () => {
    glpi = await glpiDatabase();
    await fillGlpi(glpi);
    dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-import-'));
  });
  afterAll(async () => {
    await glpi?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends with one line of JSON counts, after the skipped records and their reasons', async () => {
    const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const args = [
      'import',
      'glpi',
      '--database',
      glpi.url,
      ...CUSTOMERS.flatMap((id) => ['--entity', String(id)]),
    ];
    const first = await run(args, env);
    expect(first.code, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({
      organizations: 4,
      contacts: 2,
      agents: 1,
      tickets: 0,
      messages: 0,
      attachments: 0,
      skipped: 4,
    });
    expect(lines).toContain('skipped GLPI user 12: in the GLPI trash');
    expect(first.stderr).toContain('reading GLPI 10.0.17');
    const again = await run(args, env);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({
      organizations: 0,
      contacts: 0,
      agents: 0,
    });

    const unreachable = await run(['import', 'glpi', '--database', 'mysql://root@127.0.0.1:1/glpi'], env);
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toMatch(/cannot reach the GLPI database at 127\.0\.0\.1:1\/glpi/);
  });
});
