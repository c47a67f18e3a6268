import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
