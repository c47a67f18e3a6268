import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mysql, { type Connection } from 'mysql2/promise';

/** GLPI's own empty schema (test/fixtures/glpi): the importer is tested against the real tables. */
const SCHEMA = new URL('../fixtures/glpi/glpi-empty.sql', import.meta.url);
const MARIADB = { host: '127.0.0.1', user: 'root' };

function mariadb(args: string[], input?: Buffer) {
  const run = spawnSync('mariadb', ['-h', MARIADB.host, '-u', MARIADB.user, ...args], { input });
  if (run.status !== 0) throw new Error(`mariadb ${args.join(' ')} failed: ${run.stderr.toString()}`);
}

export interface GlpiFixture {
  url: string;
  db: Connection;
  drop(): Promise<void>;
}

/**
 * A GLPI 10 database of the test's own in the machine's MariaDB: GLPI's empty schema, the rows its
 * installer would add (the version, the three default profiles, the root entity), and nothing else.
 */
export async function glpiDatabase(): Promise<GlpiFixture> {
  const name = `glpi_test_${randomBytes(4).toString('hex')}`;
  mariadb(['-e', `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`]);
  mariadb(['--default-character-set=utf8mb4', name], readFileSync(SCHEMA));
  const db = await mysql.createConnection({ ...MARIADB, database: name, timezone: 'Z', charset: 'utf8mb4' });
  await db.query("set time_zone = '+00:00'");
  await db.query("insert into glpi_configs (context, name, value) values ('core', 'version', '10.0.17')");
  await db.query(
    `insert into glpi_profiles (id, name, interface) values
       (1, 'Self-Service', 'helpdesk'), (4, 'Super-Admin', 'central'), (6, 'Technician', 'central')`,
  );
  await db.query(
    "insert into glpi_entities (id, name, entities_id, completename, level) values (0, 'Корневая организация', null, 'Корневая организация', 1)",
  );
  // The installer's request types: 1 Helpdesk (the portal's default), 2 E-Mail (the mail collector's).
  await db.query(
    `insert into glpi_requesttypes (id, name, is_helpdesk_default, is_followup_default, is_mail_default, is_mailfollowup_default)
     values (1, 'Helpdesk', 1, 1, 0, 0), (2, 'E-Mail', 0, 0, 1, 1), (3, 'Phone', 0, 0, 0, 0)`,
  );
  return {
    url: `mysql://${MARIADB.user}@${MARIADB.host}/${name}`,
    db,
    async drop() {
      await db.end();
      mariadb(['-e', `DROP DATABASE IF EXISTS ${name}`]);
    },
  };
}

/** An entity under a parent, its complete name built as GLPI builds it. */
export async function addEntity(db: Connection, id: number, name: string, parentId: number) {
  const [[parent]] = (await db.query('select completename, level from glpi_entities where id = ?', [
    parentId,
  ])) as unknown as [{ completename: string; level: number }[]];
  await db.query(
    'insert into glpi_entities (id, name, entities_id, completename, level) values (?, ?, ?, ?, ?)',
    [id, name, parentId, `${parent?.completename} > ${name}`, (parent?.level ?? 1) + 1],
  );
}

export interface FixtureUser {
  id: number;
  login: string;
  firstName?: string;
  realName?: string;
  phone?: string;
  emails?: string[];
  active?: boolean;
  deleted?: boolean;
  /** A profile id (1 self-service, 6 technician) in an entity. */
  profiles?: { profileId: number; entityId: number }[];
}

export async function addUser(db: Connection, user: FixtureUser) {
  await db.query(
    `insert into glpi_users (id, name, firstname, realname, phone, is_active, is_deleted, entities_id)
     values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      user.id,
      user.login,
      user.firstName ?? null,
      user.realName ?? null,
      user.phone ?? null,
      user.active === false ? 0 : 1,
      user.deleted ? 1 : 0,
      user.profiles?.[0]?.entityId ?? 0,
    ],
  );
  // The other addresses are written first, so the default one is not simply the first row.
  for (const [index, email] of [...(user.emails ?? []).entries()].reverse()) {
    await db.query('insert into glpi_useremails (users_id, email, is_default) values (?, ?, ?)', [
      user.id,
      email,
      index === 0 ? 1 : 0,
    ]);
  }
  for (const profile of user.profiles ?? []) {
    await db.query('insert into glpi_profiles_users (users_id, profiles_id, entities_id) values (?, ?, ?)', [
      user.id,
      profile.profileId,
      profile.entityId,
    ]);
  }
}

export interface FixtureTicket {
  id: number;
  entityId: number;
  name: string;
  /** Rich text as GLPI stores it: encoded HTML. */
  content: string;
  status: number;
  priority?: number;
  type?: number;
  deleted?: boolean;
  /** UTC, as `YYYY-MM-DD HH:MM:SS`. */
  date: string;
  takeIntoAccountDate?: string;
  solveDate?: string;
  closeDate?: string;
  requesterId?: number;
  /** A requester known by address alone. */
  requesterEmail?: string;
  assigneeId?: number;
}

/** Rich text stored the way GLPI 10's Sanitizer stores it: `&`, `<` and `>` as numeric entities. */
export const glpiEncoded = (html: string) =>
  html.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;');

export async function addTicket(db: Connection, ticket: FixtureTicket) {
  await db.query(
    `insert into glpi_tickets (id, entities_id, name, content, status, priority, urgency, impact, type, is_deleted,
       date, date_creation, date_mod, takeintoaccountdate, solvedate, closedate, requesttypes_id)
     values (?, ?, ?, ?, ?, ?, 3, 3, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    [
      ticket.id,
      ticket.entityId,
      ticket.name,
      ticket.content,
      ticket.status,
      ticket.priority ?? 3,
      ticket.type ?? 1,
      ticket.deleted ? 1 : 0,
      ticket.date,
      ticket.date,
      ticket.closeDate ?? ticket.solveDate ?? ticket.date,
      ticket.takeIntoAccountDate ?? null,
      ticket.solveDate ?? null,
      ticket.closeDate ?? null,
    ],
  );
  if (ticket.requesterId !== undefined || ticket.requesterEmail !== undefined) {
    await db.query(
      'insert into glpi_tickets_users (tickets_id, users_id, type, alternative_email) values (?, ?, 1, ?)',
      [ticket.id, ticket.requesterId ?? 0, ticket.requesterEmail ?? null],
    );
  }
  if (ticket.assigneeId !== undefined) {
    await db.query('insert into glpi_tickets_users (tickets_id, users_id, type) values (?, ?, 2)', [
      ticket.id,
      ticket.assigneeId,
    ]);
  }
}

export interface FixtureEntry {
  id: number;
  ticketId: number;
  userId: number;
  content: string;
  date: string;
  private?: boolean;
  /** Came in by mail: GLPI's request type 2 (E-Mail), which the installer marks as the mail default. */
  byMail?: boolean;
}

export async function addFollowup(db: Connection, entry: FixtureEntry) {
  await db.query(
    `insert into glpi_itilfollowups (id, itemtype, items_id, users_id, content, is_private, date, date_creation, requesttypes_id)
     values (?, 'Ticket', ?, ?, ?, ?, ?, ?, ?)`,
    [
      entry.id,
      entry.ticketId,
      entry.userId,
      entry.content,
      entry.private ? 1 : 0,
      entry.date,
      entry.date,
      entry.byMail ? 2 : 1,
    ],
  );
}

export async function addTask(db: Connection, entry: FixtureEntry) {
  await db.query(
    `insert into glpi_tickettasks (id, tickets_id, users_id, content, is_private, date, date_creation, actiontime)
     values (?, ?, ?, ?, ?, ?, ?, 1800)`,
    [entry.id, entry.ticketId, entry.userId, entry.content, entry.private ? 1 : 0, entry.date, entry.date],
  );
}

export async function addSolution(db: Connection, entry: FixtureEntry) {
  await db.query(
    `insert into glpi_itilsolutions (id, itemtype, items_id, users_id, content, date_creation, status)
     values (?, 'Ticket', ?, ?, ?, ?, 3)`,
    [entry.id, entry.ticketId, entry.userId, entry.content, entry.date],
  );
}

/**
 * A document as GLPI keeps one: its file under the files folder at `EXT/sha1[0:2]/sha1[2:].EXT`, its row
 * with the SHA-1 (or, to test a damaged folder, another), linked to an item of a ticket.
 */
export async function addDocument(
  db: Connection,
  filesDir: string,
  document: {
    id: number;
    ticketId: number;
    fileName: string;
    content: Buffer;
    item: { type: 'Ticket' | 'ITILFollowup' | 'TicketTask' | 'ITILSolution'; id: number };
    /** What the row says the SHA-1 is, when it should not match the file. */
    recordedSha1?: string;
    /** Leaves the file out of the folder. */
    missing?: boolean;
  },
) {
  const sha1 = createHash('sha1').update(document.content).digest('hex');
  const extension = (document.fileName.split('.').at(-1) ?? 'bin').toUpperCase();
  const filePath = `${extension}/${sha1.slice(0, 2)}/${sha1.slice(2)}.${extension}`;
  if (!document.missing) {
    mkdirSync(join(filesDir, extension, sha1.slice(0, 2)), { recursive: true });
    writeFileSync(join(filesDir, filePath), document.content);
  }
  await db.query(
    `insert into glpi_documents (id, entities_id, name, filename, filepath, mime, sha1sum, tickets_id, is_deleted)
     values (?, 0, ?, ?, ?, 'application/octet-stream', ?, ?, 0)`,
    [
      document.id,
      document.fileName,
      document.fileName,
      filePath,
      document.recordedSha1 ?? sha1,
      document.ticketId,
    ],
  );
  await db.query('insert into glpi_documents_items (documents_id, itemtype, items_id) values (?, ?, ?)', [
    document.id,
    document.item.type,
    document.item.id,
  ]);
}
