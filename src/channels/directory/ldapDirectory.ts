import { Client, InvalidCredentialsError } from 'ldapts';
import {
  type DirectoryPerson,
  DirectoryUnavailableError,
  type StaffDirectory,
} from '../../app/ports/staffDirectory.js';
import type { LdapSettings } from '../../config.js';

/** RFC 4515: a value put into a search filter cannot change the filter. */
const escapeFilterValue = (value: string) =>
  value.replace(/[\\*()\0]/g, (character) => `\\${character.charCodeAt(0).toString(16).padStart(2, '0')}`);

const text = (value: unknown): string =>
  Array.isArray(value)
    ? text(value[0])
    : Buffer.isBuffer(value)
      ? value.toString('utf8')
      : String(value ?? '');

/**
 * The company's LDAP server (OpenLDAP, Active Directory, FreeIPA) through ldapts. The desk searches with
 * its own service account, then binds as the person to check their password; groups are found by
 * membership (groupOfNames' member or groupOfUniqueNames' uniqueMember). Every connection has a timeout,
 * and an unreachable server is DirectoryUnavailableError, never a refusal.
 */
export function ldapDirectory(settings: LdapSettings): StaffDirectory {
  const connect = () =>
    new Client({ url: settings.url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });

  async function withService<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = connect();
    try {
      await client.bind(settings.bindDn, settings.bindPassword);
      return await work(client);
    } catch (error) {
      throw new DirectoryUnavailableError(error);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  async function lookUp(client: Client, email: string): Promise<DirectoryPerson | null> {
    const filter = settings.userFilter.replaceAll('{email}', escapeFilterValue(email));
    const { searchEntries } = await client.search(settings.userBase, {
      scope: 'sub',
      filter,
      attributes: ['mail', 'cn', 'displayName'],
      sizeLimit: 2,
    });
    // Two entries with one address cannot be told apart: nobody signs in as either.
    const [entry, another] = searchEntries;
    if (!entry || another) return null;
    const member = escapeFilterValue(entry.dn);
    const groups = await client.search(settings.groupBase, {
      scope: 'sub',
      filter: `(|(member=${member})(uniqueMember=${member}))`,
      attributes: ['dn'],
    });
    return {
      id: entry.dn,
      email: text(entry.mail).toLowerCase() || email,
      name: text(entry.displayName) || text(entry.cn) || email,
      groups: groups.searchEntries.map((group) => group.dn),
    };
  }

  return {
    find: (email) => withService((client) => lookUp(client, email)),
    async authenticate(email, password) {
      // An empty password is an anonymous bind, which most servers allow: it proves nothing.
      if (password.length === 0) return null;
      const person = await withService((client) => lookUp(client, email));
      if (!person) return null;
      const client = connect();
      try {
        await client.bind(person.id, password);
        return person;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return null;
        throw new DirectoryUnavailableError(error);
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
  };
}
