/** What the GLPI importer reads from a GLPI 9.5 / 10 database (channels/glpi/glpiDatabase.ts). */
export interface GlpiEntity {
  id: number;
  name: string;
  parentId: number | null;
  completeName: string;
}

export interface GlpiUser {
  id: number;
  login: string;
  firstName: string;
  realName: string;
  phones: string[];
  /** Every address of the user, the default one first. */
  emails: string[];
  active: boolean;
  /** In GLPI's trash. */
  deleted: boolean;
  /** The interfaces of the profiles the user holds: central (staff) or helpdesk (self-service). */
  interfaces: ('central' | 'helpdesk')[];
  /** The entities the user's profiles are held in, the default one first. */
  entityIds: number[];
}

export interface GlpiSource {
  /** The GLPI version the database says it is. */
  readonly version: string;
  entities(): AsyncIterable<GlpiEntity>;
  users(): AsyncIterable<GlpiUser>;
  close(): Promise<void>;
}

/** The GLPI database cannot be read as one: unreachable, or not a GLPI 9.5 / 10 schema. */
export class GlpiSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlpiSourceError';
  }
}
