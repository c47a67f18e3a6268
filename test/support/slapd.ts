import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { freePort } from './cli.js';

/** Debian's OpenLDAP server, as the test prerequisites install it; SLAPD_PATH names another. */
export const SLAPD = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';

export const SUFFIX = 'dc=vendor,dc=test';
export const ROOT_DN = `cn=admin,${SUFFIX}`;
const ROOT_PASSWORD = 'slapd-root-secret';
export const SERVICE_DN = `cn=supportdesk,ou=services,${SUFFIX}`;
export const SERVICE_PASSWORD = 'service-account-secret';
export const group = (name: string) => `cn=${name},ou=groups,${SUFFIX}`;
export const person = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;

export interface Slapd {
  url: string;
  /** The desk's settings for this directory, as an operator would write them. */
  environment: Record<string, string>;
  addPerson(uid: string, name: string, email: string, password: string): Promise<void>;
  addToGroup(name: string, uid: string): Promise<void>;
  removeFromGroup(name: string, uid: string): Promise<void>;
  removePerson(uid: string): Promise<void>;
  /** Stops the server for good, or pauses it (SIGSTOP) so that it accepts connections and never answers. */
  stop(): Promise<void>;
  hang(): void;
  resume(): void;
}

/**
 * A real OpenLDAP server of the test's own: slapd in the foreground with an mdb database in a temporary
 * folder, on a free loopback port, holding the people and groups a company directory would.
 */
export async function startSlapd(): Promise<Slapd> {
  if (!existsSync(SLAPD))
    throw new Error(`no slapd at ${SLAPD}: install it (apt-get install slapd) or set SLAPD_PATH`);
  const root = mkdtempSync(join(tmpdir(), 'supportdesk-slapd-'));
  mkdirSync(join(root, 'db'));
  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  writeFileSync(
    join(root, 'slapd.conf'),
    `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include /etc/ldap/schema/nis.schema
pidfile ${root}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "${SUFFIX}"
rootdn "${ROOT_DN}"
rootpw ${ROOT_PASSWORD}
directory ${root}/db
access to attrs=userPassword by self read by anonymous auth by * none
access to * by * read
`,
  );
  const child: ChildProcess = spawn(SLAPD, ['-d', '0', '-f', join(root, 'slapd.conf'), '-h', `${url}/`], {
    stdio: 'ignore',
  });
  const admin = new Client({ url, timeout: 5_000, connectTimeout: 5_000 });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await admin.bind(ROOT_DN, ROOT_PASSWORD);
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await admin.add(SUFFIX, { objectClass: ['top', 'dcObject', 'organization'], dc: 'vendor', o: 'Vendor' });
  for (const unit of ['people', 'groups', 'services']) {
    await admin.add(`ou=${unit},${SUFFIX}`, { objectClass: ['top', 'organizationalUnit'], ou: unit });
  }
  await admin.add(SERVICE_DN, {
    objectClass: ['top', 'person'],
    cn: 'supportdesk',
    sn: 'service',
    userPassword: SERVICE_PASSWORD,
  });
  // groupOfNames must have a member: the service account holds each group open.
  for (const name of ['support-admins', 'support', 'partners', 'accounting']) {
    await admin.add(group(name), { objectClass: ['top', 'groupOfNames'], cn: name, member: SERVICE_DN });
  }
  const membership = (operation: 'add' | 'delete', name: string, uid: string) =>
    admin.modify(
      group(name),
      new Change({ operation, modification: new Attribute({ type: 'member', values: [person(uid)] }) }),
    );
  return {
    url,
    environment: {
      LDAP_URL: url,
      LDAP_BIND_DN: SERVICE_DN,
      LDAP_BIND_PASSWORD: SERVICE_PASSWORD,
      LDAP_USER_BASE: `ou=people,${SUFFIX}`,
      LDAP_GROUP_BASE: `ou=groups,${SUFFIX}`,
      LDAP_ROLE_GROUPS: `admin=${group('support-admins')};agent=${group('support')};partner=${group('partners')}`,
      LDAP_TIMEOUT_MS: '1500',
    },
    async addPerson(uid, name, email, password) {
      await admin.add(person(uid), {
        objectClass: ['top', 'inetOrgPerson'],
        uid,
        cn: name,
        sn: name.split(' ').at(-1) ?? name,
        mail: email,
        userPassword: password,
      });
    },
    addToGroup: (name, uid) => membership('add', name, uid),
    removeFromGroup: (name, uid) => membership('delete', name, uid),
    removePerson: (uid) => admin.del(person(uid)),
    hang: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async stop() {
      await admin.unbind().catch(() => undefined);
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
