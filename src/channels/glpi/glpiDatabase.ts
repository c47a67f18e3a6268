import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import {
  type GlpiDocument,
  type GlpiEntity,
  type GlpiEntry,
  type GlpiEntryKind,
  type GlpiSource,
  GlpiSourceError,
  type GlpiTicket,
  type GlpiUser,
} from '../../app/ports/glpiSource.js';
import { glpiInstant } from '../../domain/glpi/glpiTime.js';
import { glpiRichTextToSafeText } from './richText.js';

/** The tables the importer reads: a database without any of them is not GLPI 9.5 / 10. */
const REQUIRED_TABLES = [
  'glpi_configs',
  'glpi_entities',
  'glpi_users',
  'glpi_useremails',
  'glpi_profiles',
  'glpi_profiles_users',
  'glpi_tickets',
  'glpi_itilfollowups',
];
/** Rows read at a time: the importer's memory does not grow with the database. */
const PAGE = 1_000;

type Row = RowDataPacket & Record<string, unknown>;

async function rows(connection: Connection, sql: string, values: unknown[] = []): Promise<Row[]> {
  const [result] = await connection.query<Row[]>(sql, values);
  return result;
}

/** Reads a table page by page in id order. */
async function* pages(connection: Connection, sql: string): AsyncGenerator<Row[]> {
  let after = -1;
  for (;;) {
    const page = await rows(connection, `${sql} and id > ? order by id limit ${PAGE}`, [after]);
    if (page.length === 0) return;
    yield page;
    after = Number(page.at(-1)?.id);
  }
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const flag = (value: unknown) => Number(value) === 1;

/** GLPI's item types of a ticket's timeline, as glpi_documents_items names them. */
const ITEM_TYPES: Record<GlpiEntryKind | 'ticket', string> = {
  ticket: 'Ticket',
  followup: 'ITILFollowup',
  task: 'TicketTask',
  solution: 'ITILSolution',
};
const ENTRY_ORDER: Record<GlpiEntryKind, number> = { followup: 0, task: 1, solution: 2 };

/** Rows grouped by the ticket they belong to. */
function byTicket(rows: Row[], column: string): Map<number, Row[]> {
  const grouped = new Map<number, Row[]>();
  for (const row of rows) {
    const ticketId = Number(row[column]);
    const group = grouped.get(ticketId);
    if (group) group.push(row);
    else grouped.set(ticketId, [row]);
  }
  return grouped;
}

/**
 * A GLPI database over the MySQL protocol (mysql2): read-only, every instant read in UTC (the session's
 * time zone is set so), with a timeout on connecting and on every query.
 */
export async function openGlpiDatabase(
  url: string,
  { timeoutMs = 10_000, timeZone = 'UTC' }: { timeoutMs?: number; timeZone?: string } = {},
): Promise<GlpiSource> {
  const where = new URL(url);
  const place = `${where.hostname}:${where.port || 3306}${where.pathname}`;
  let connection: Connection;
  try {
    // Times come as the text GLPI wrote, and are read in GLPI's zone (domain/glpi/glpiTime.ts).
    connection = await mysql.createConnection({
      uri: url,
      connectTimeout: timeoutMs,
      timezone: 'Z',
      dateStrings: true,
      charset: 'utf8mb4',
    });
  } catch (error) {
    throw new GlpiSourceError(
      `cannot reach the GLPI database at ${place}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const query = (sql: string, values: unknown[] = []) =>
    connection.query<Row[]>({ sql, values, timeout: timeoutMs }).then(([result]) => result);
  await query("set time_zone = '+00:00'");
  const present = new Set(
    (
      await query('select table_name as name from information_schema.tables where table_schema = database()')
    ).map((row) => text(row.name).toLowerCase()),
  );
  const missing = REQUIRED_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) {
    await connection.end();
    throw new GlpiSourceError(`${place} is not a GLPI 9.5 / 10 database: it has no ${missing.join(', ')}`);
  }
  const [versionRow] = await query(
    "select value from glpi_configs where context = 'core' and name = 'version'",
  );
  const version = text(versionRow?.value);
  if (!/^(9\.5|10\.)/.test(version)) {
    await connection.end();
    throw new GlpiSourceError(
      `${place} is GLPI ${version || 'of an unknown version'}; the importer reads GLPI 9.5 and 10`,
    );
  }

  // GLPI 10 added the time a ticket was taken into account; a 9.5 database answers it as never.
  const [takenIntoAccount] = await query(
    `select count(*) as present from information_schema.columns
     where table_schema = database() and table_name = 'glpi_tickets' and column_name = 'takeintoaccountdate'`,
  );
  const takenColumn =
    Number(takenIntoAccount?.present) > 0 ? 'takeintoaccountdate' : 'null as takeintoaccountdate';
  const instant = (value: unknown) => glpiInstant(value === null ? null : text(value), timeZone);
  const mailTypes = new Set(
    (
      await query('select id from glpi_requesttypes where is_mail_default = 1 or is_mailfollowup_default = 1')
    ).map((row) => Number(row.id)),
  );

  /** The documents attached to a page's tickets and to their entries, where GLPI's trash does not hold them. */
  async function documentsOf(
    attached: { kind: GlpiEntryKind | 'ticket'; ids: number[]; ticketOf: Map<number, number> }[],
  ) {
    const documents = new Map<number, GlpiDocument[]>();
    for (const { kind, ids, ticketOf } of attached) {
      if (ids.length === 0) continue;
      const linked = await query(
        `select di.items_id, d.id, d.filename, d.filepath, d.sha1sum from glpi_documents_items di
         join glpi_documents d on d.id = di.documents_id
         where di.itemtype = ? and di.items_id in (?) and d.is_deleted = 0 order by di.id`,
        [ITEM_TYPES[kind], ids],
      );
      for (const row of linked) {
        const itemId = Number(row.items_id);
        const ticketId = ticketOf.get(itemId) ?? itemId;
        const list = documents.get(ticketId) ?? [];
        list.push({
          id: Number(row.id),
          fileName: text(row.filename),
          filePath: text(row.filepath),
          sha1: row.sha1sum ? text(row.sha1sum).toLowerCase() : null,
          attachedTo: { kind, id: itemId },
        });
        documents.set(ticketId, list);
      }
    }
    return documents;
  }

  async function ticketPage(page: Row[]): Promise<GlpiTicket[]> {
    const ids = page.map((row) => Number(row.id));
    const [actors, followups, tasks, solutions] = await Promise.all([
      query(
        `select tu.tickets_id, tu.users_id, tu.type, tu.alternative_email, ue.email from glpi_tickets_users tu
         left join glpi_useremails ue on ue.users_id = tu.users_id and ue.is_default = 1 and tu.users_id <> 0
         where tu.tickets_id in (?) order by tu.id`,
        [ids],
      ),
      query(
        `select id, items_id as tickets_id, users_id, content, is_private, date, requesttypes_id
         from glpi_itilfollowups where itemtype = 'Ticket' and items_id in (?)`,
        [ids],
      ),
      query(
        'select id, tickets_id, users_id, content, is_private, date from glpi_tickettasks where tickets_id in (?)',
        [ids],
      ),
      query(
        `select id, items_id as tickets_id, users_id, content, date_creation as date, status
         from glpi_itilsolutions where itemtype = 'Ticket' and items_id in (?)`,
        [ids],
      ),
    ]);
    const entryRows: [GlpiEntryKind, Row[]][] = [
      ['followup', followups],
      ['task', tasks],
      ['solution', solutions],
    ];
    const documents = await documentsOf([
      { kind: 'ticket', ids, ticketOf: new Map() },
      ...entryRows.map(([kind, rows]) => ({
        kind,
        ids: rows.map((row) => Number(row.id)),
        ticketOf: new Map(rows.map((row) => [Number(row.id), Number(row.tickets_id)])),
      })),
    ]);
    const actorsOf = byTicket(actors, 'tickets_id');
    const entriesOf = new Map<number, GlpiEntry[]>();
    for (const [kind, rows] of entryRows) {
      for (const [ticketId, group] of byTicket(rows, 'tickets_id')) {
        const list = entriesOf.get(ticketId) ?? [];
        for (const row of group) {
          list.push({
            kind,
            id: Number(row.id),
            authorId: Number(row.users_id),
            content: glpiRichTextToSafeText(text(row.content)),
            // A solution is shown to the requester; tasks and followups say whether they are.
            private: kind !== 'solution' && flag(row.is_private),
            at: instant(row.date) ?? new Date(0),
            byMail: mailTypes.has(Number(row.requesttypes_id)),
            // GLPI's validation status 4: the requester refused the solution.
            refused: kind === 'solution' && Number(row.status) === 4,
          });
        }
        entriesOf.set(ticketId, list);
      }
    }
    return page.map((row) => {
      const id = Number(row.id);
      const own = actorsOf.get(id) ?? [];
      const entries = (entriesOf.get(id) ?? []).sort(
        (a, b) => a.at.getTime() - b.at.getTime() || ENTRY_ORDER[a.kind] - ENTRY_ORDER[b.kind] || a.id - b.id,
      );
      return {
        id,
        entityId: Number(row.entities_id),
        name: text(row.name),
        content: glpiRichTextToSafeText(text(row.content)),
        status: Number(row.status),
        priority: Number(row.priority),
        type: Number(row.type),
        deleted: flag(row.is_deleted),
        byMail: mailTypes.has(Number(row.requesttypes_id)),
        openedAt: instant(row.date),
        takenIntoAccountAt: instant(row.takeintoaccountdate),
        solvedAt: instant(row.solvedate),
        closedAt: instant(row.closedate),
        modifiedAt: instant(row.date_mod),
        // GLPI's actor types: 1 requester, 2 assigned, 3 observer (src/CommonITILActor.php).
        requesters: own
          .filter((actor) => Number(actor.type) === 1)
          .map((actor) => ({
            userId: Number(actor.users_id),
            email: text(actor.alternative_email) || text(actor.email) || null,
          })),
        assigneeIds: own
          .filter((actor) => Number(actor.type) === 2 && Number(actor.users_id) !== 0)
          .map((actor) => Number(actor.users_id)),
        entries,
        documents: documents.get(id) ?? [],
      };
    });
  }

  return {
    version,
    async *entities(): AsyncGenerator<GlpiEntity> {
      for await (const page of pages(
        connection,
        'select id, name, entities_id, completename from glpi_entities where 1=1',
      )) {
        for (const row of page) {
          const parent = row.entities_id === null ? null : Number(row.entities_id);
          yield {
            id: Number(row.id),
            name: text(row.name),
            // The root's parent is NULL or 0 depending on the GLPI version that made it.
            parentId: parent === null || Number(row.id) === 0 ? null : parent,
            completeName: text(row.completename),
          };
        }
      }
    },
    async *users(): AsyncGenerator<GlpiUser> {
      const sql =
        'select id, name, firstname, realname, phone, phone2, mobile, is_active, is_deleted, entities_id from glpi_users where 1=1';
      for await (const page of pages(connection, sql)) {
        const ids = page.map((row) => Number(row.id));
        const emails = await query(
          'select users_id, email from glpi_useremails where users_id in (?) order by users_id, is_default desc, id',
          [ids],
        );
        const profiles = await query(
          `select pu.users_id, pu.entities_id, p.interface from glpi_profiles_users pu
           join glpi_profiles p on p.id = pu.profiles_id where pu.users_id in (?) order by pu.users_id, pu.id`,
          [ids],
        );
        for (const row of page) {
          const id = Number(row.id);
          const own = profiles.filter((profile) => Number(profile.users_id) === id);
          const defaultEntity = row.entities_id === null ? null : Number(row.entities_id);
          const entityIds = [
            ...new Set([defaultEntity, ...own.map((profile) => Number(profile.entities_id))]),
          ].filter((entity): entity is number => entity !== null);
          yield {
            id,
            login: text(row.name),
            firstName: text(row.firstname),
            realName: text(row.realname),
            phones: [row.phone, row.phone2, row.mobile].map(text).filter(Boolean),
            emails: emails.filter((email) => Number(email.users_id) === id).map((email) => text(email.email)),
            active: Number(row.is_active) === 1,
            deleted: Number(row.is_deleted) === 1,
            interfaces: [...new Set(own.map((profile) => text(profile.interface)))].filter(
              (kind): kind is 'central' | 'helpdesk' => kind === 'central' || kind === 'helpdesk',
            ),
            entityIds,
          };
        }
      }
    },
    async *tickets(): AsyncGenerator<GlpiTicket[]> {
      const sql = `select id, entities_id, name, content, status, priority, type, is_deleted, requesttypes_id,
        date, ${takenColumn}, solvedate, closedate, date_mod from glpi_tickets where 1=1`;
      for await (const page of pages(connection, sql)) yield ticketPage(page);
    },
    close: () => connection.end(),
  };
}
