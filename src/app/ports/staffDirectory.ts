import type { RoleGroups } from '../../domain/accounts/directoryRoles.js';

/** A staff member as the company directory knows them. */
export interface DirectoryPerson {
  /** What the directory names them by for good: the LDAP entry's DN. */
  id: string;
  email: string;
  name: string;
  /** The groups they belong to, as the role mapping names them (DNs for LDAP). */
  groups: string[];
}

/** The company directory staff sign in with (LDAP / Active Directory, FreeIPA). */
export interface StaffDirectory {
  /** The person with this address when the password is theirs; null when either is wrong. */
  authenticate(email: string, password: string): Promise<DirectoryPerson | null>;
  /** The person with this address as the directory has them now, or null when it no longer does. */
  find(email: string): Promise<DirectoryPerson | null>;
}

export interface DirectorySettings {
  directory: StaffDirectory;
  roleGroups: RoleGroups;
  syncIntervalMs: number;
}

/** The directory did not answer (down, unreachable, too slow): nobody is refused or removed because of it. */
export class DirectoryUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the staff directory did not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DirectoryUnavailableError';
  }
}
