import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import {
  type GlpiEntity,
  type GlpiSource,
  GlpiSourceError,
  type GlpiUser,
} from '../../app/ports/glpiSource.js';

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

/**
 * A GLPI database over the MySQL protocol (mysql2): read-only, every instant read in UTC (the session's
 * time zone is set so), with a timeout on connecting and on every query.
 */
export async function openGlpiDatabase(url: string, timeoutMs = 10_000): Promise<GlpiSource> {
  const where = new URL(url);
  const place = `${where.hostname}:${where.port || 3306}${where.pathname}`;
  let connection: Connection;
  try {
    connection = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs, timezone: 'Z' });
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
    close: () => connection.end(),
  };
}
