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

/** An image pasted into GLPI's rich text (a data: URL), to be kept as an attachment of the message. */
export interface EmbeddedImage {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** GLPI's rich text as the desk keeps it. */
export interface GlpiText {
  /** Plain text: no markup survives, so nothing in it can run in anyone's browser. */
  text: string;
  images: EmbeddedImage[];
  /** GLPI documents the text showed inline (`document.send.php?docid=`), by id. */
  documentIds: number[];
}

/** What GLPI shows on a ticket's timeline: a followup, a task or a solution. */
export type GlpiEntryKind = 'followup' | 'task' | 'solution';

export interface GlpiEntry {
  kind: GlpiEntryKind;
  id: number;
  /** The GLPI user who wrote it; 0 when GLPI does not know (a mail from an unknown address). */
  authorId: number;
  content: GlpiText;
  private: boolean;
  at: Date;
  /** Came in by e-mail (GLPI's request type says so). */
  byMail: boolean;
  /** A solution the requester refused. */
  refused: boolean;
}

export interface GlpiDocument {
  id: number;
  fileName: string;
  /** Where the file lies under GLPI's files folder: `EXT/sha1[0:2]/sha1[2:].EXT`. */
  filePath: string;
  sha1: string | null;
  /** What it is attached to: the ticket itself, or one of its entries. */
  attachedTo: { kind: 'ticket' | GlpiEntryKind; id: number };
}

export interface GlpiTicket {
  id: number;
  entityId: number;
  name: string;
  content: GlpiText;
  status: number;
  priority: number;
  /** 1 incident, 2 request. */
  type: number;
  deleted: boolean;
  byMail: boolean;
  openedAt: Date | null;
  takenIntoAccountAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  modifiedAt: Date | null;
  /** The requesters: a GLPI user (0 when known by address alone) and the address GLPI has for them. */
  requesters: { userId: number; email: string | null }[];
  /** The technicians assigned. */
  assigneeIds: number[];
  /** Followups, tasks and solutions in the order they were written. */
  entries: GlpiEntry[];
  documents: GlpiDocument[];
}

export interface GlpiSource {
  /** The GLPI version the database says it is. */
  readonly version: string;
  entities(): AsyncIterable<GlpiEntity>;
  users(): AsyncIterable<GlpiUser>;
  /** Tickets a page at a time, in id order, each with its timeline and documents. */
  tickets(): AsyncIterable<GlpiTicket[]>;
  close(): Promise<void>;
}

/** GLPI's files folder, where its documents' contents lie. */
export interface GlpiFiles {
  /** The file at a document's path, or null when the folder has none there. */
  read(filePath: string): Promise<Buffer | null>;
  /** Where a document's file is looked for, for a message naming it. */
  locate(filePath: string): string;
}

/** The GLPI database cannot be read as one: unreachable, or not a GLPI 9.5 / 10 schema. */
export class GlpiSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GlpiSourceError';
  }
}
