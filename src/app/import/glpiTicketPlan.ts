import { createHash, randomUUID } from 'node:crypto';
import type { attachments, ticketMessages, tickets } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { type GlpiMapping, mappedSeverity, mappedStatus } from '../../domain/glpi/glpiMapping.js';
import { decodeGlpiText } from '../../domain/glpi/glpiText.js';
import { SUBJECT_MAX_LENGTH } from '../../domain/tickets/limits.js';
import type { GlpiDocument, GlpiEntry, GlpiFiles, GlpiText, GlpiTicket } from '../ports/glpiSource.js';
import { fingerprintOf, type Mapping, type Remembered } from './importMappings.js';

/**
 * What one GLPI ticket becomes here, worked out before anything is written: the request, its messages
 * and files, and the mappings that will find them again (docs/glpi-import.md, "What maps to what").
 */

export const GLPI = 'glpi';
/** Marks the fingerprint of a ticket taken without some of its files. */
const INCOMPLETE = ':incomplete';

/** A record the import left behind, and why. */
export interface SkippedRecord {
  kind: 'entity' | 'user' | 'ticket' | 'document';
  id: number;
  reason: string;
}

/** Someone GLPI knows, as this desk knows them after the people were taken. */
export interface Person {
  type: 'agent' | 'contact';
  id: string;
  name: string;
  organizationId: string | null;
}

type TicketRow = typeof tickets.$inferInsert;
type MessageRow = typeof ticketMessages.$inferInsert;
export type AttachmentRow = typeof attachments.$inferInsert;

/** A file to keep with a message, checked against GLPI's files folder before anything is written. */
export interface PendingFile {
  mappingKey: string | null;
  fileName: string;
  data: Buffer;
  messageId: string;
  createdAt: Date;
}

/** What one GLPI ticket becomes: the rows to write, worked out before a transaction is opened. */
/** The request as planned; its number is drawn when it is written. */
export type PlannedTicket = Omit<TicketRow, 'number'> & { id: string };

export interface TicketPlan {
  glpiId: number;
  ticket: PlannedTicket;
  isNew: boolean;
  /** New or changed in GLPI, rather than only its missing files tried again. */
  changed: boolean;
  year: number;
  messages: MessageRow[];
  changedMessages: { id: string; body: string }[];
  files: PendingFile[];
  mappings: Remembered[];
}

const entryKey = (entry: Pick<GlpiEntry, 'kind' | 'id'>) => `${entry.kind}:${entry.id}`;
export const documentKey = (document: GlpiDocument) =>
  `${document.id}@${document.attachedTo.kind}:${document.attachedTo.id}`;

/** How GLPI's values map here and where its customers went, the same for every ticket of a run. */
export interface PlanRules {
  mapping: GlpiMapping;
  /** The desk's organization of each customer entity. */
  organizationOf: Map<number, string>;
  files: GlpiFiles;
}

export interface PlanContext {
  options: PlanRules;
  people: Map<number, Person>;
  known: Mapping | undefined;
  entriesKnown: Map<string, Mapping>;
  documentsKnown: Map<string, Mapping>;
  skipped: SkippedRecord[];
}

/** Why a GLPI ticket is not taken, or null when it is. */
function refusal(ticket: GlpiTicket, options: PlanRules): string | null {
  if (ticket.deleted) return 'in the GLPI trash';
  if (!options.organizationOf.has(ticket.entityId)) return `its entity ${ticket.entityId} is not a customer`;
  if (mappedStatus(options.mapping, ticket.status) === null)
    return `its status ${ticket.status} has no mapping (a mapping file can give one)`;
  if (!ticket.openedAt) return 'it has no opening date';
  return null;
}

export async function planTicket(ticket: GlpiTicket, context: PlanContext): Promise<TicketPlan | null> {
  const { options, people, known } = context;
  const refused = refusal(ticket, options);
  if (refused) {
    context.skipped.push({ kind: 'ticket', id: ticket.id, reason: refused });
    return null;
  }
  const fingerprint = fingerprintOf(ticket);
  if (known?.fingerprint === fingerprint) return null;
  // Unchanged in GLPI, but some of its files could not be taken last time: only those are tried again.
  const retrying = known?.fingerprint === `${fingerprint}${INCOMPLETE}`;
  const organizationId = options.organizationOf.get(ticket.entityId) as string;
  const registeredAt = ticket.openedAt as Date;
  const status = mappedStatus(options.mapping, ticket.status) ?? 'new';
  const requester = requesterOf(ticket, people, organizationId);
  const ticketId = known?.localId ?? randomUUID();
  const author = (entry: GlpiEntry) => authorOf(entry, ticket, people, requester);
  const firstSupportReply = ticket.entries.find(
    (entry) => !entry.private && author(entry).authorType === 'agent',
  )?.at;
  const description = ticket.content.text;
  const subject =
    decodeGlpiText(ticket.name).slice(0, SUBJECT_MAX_LENGTH) ||
    description.split('\n')[0]?.slice(0, SUBJECT_MAX_LENGTH) ||
    `GLPI ${ticket.id}`;
  const resolvedAt =
    status === 'resolved' || status === 'closed' ? (ticket.solvedAt ?? ticket.closedAt) : null;
  const closedAt = status === 'closed' ? (ticket.closedAt ?? ticket.modifiedAt ?? registeredAt) : null;
  const row: PlannedTicket = {
    id: ticketId,
    organizationId,
    contactId: requester.contactId,
    requesterEmail: requester.contactId ? null : requester.email,
    importedFrom: GLPI,
    externalReference: String(ticket.id),
    channel: ticket.byMail ? 'email' : 'portal',
    // GLPI's types: 1 incident, 2 request (a question rather than a fault).
    category: ticket.type === 2 ? 'consultation' : 'problem',
    subject,
    description,
    severity: mappedSeverity(options.mapping, ticket.priority),
    status,
    assigneeId:
      ticket.assigneeIds.map((id) => people.get(id)).find((person) => person?.type === 'agent')?.id ?? null,
    registeredAt,
    // No deadline here: the queue orders an imported request by its age (db/schema/tickets.ts).
    responseDueAt: registeredAt,
    responseWarnAt: registeredAt,
    firstResponseAt: ticket.takenIntoAccountAt ?? firstSupportReply ?? null,
    resolvedAt,
    closedAt,
    updatedAt: ticket.modifiedAt ?? registeredAt,
  };

  const messages: MessageRow[] = [];
  const changedMessages: { id: string; body: string }[] = [];
  const files: PendingFile[] = [];
  const mappings: Remembered[] = [];
  const messageOfEntry = new Map<string, string>();
  const keep = (text: GlpiText, messageId: string, createdAt: Date) => {
    for (const image of text.images)
      files.push({ mappingKey: null, fileName: image.fileName, data: image.content, messageId, createdAt });
  };

  // The files GLPI attached to the ticket itself, and the images pasted into its description, go with
  // a message of the requester's at registration, as a request filed here with files has.
  const needsOpening =
    ticket.content.images.length > 0 ||
    ticket.documents.some((document) => document.attachedTo.kind === 'ticket');
  const openingKey = `opening:${ticket.id}`;
  let openingId = context.entriesKnown.get(openingKey)?.localId ?? null;
  if (needsOpening && !openingId) {
    openingId = randomUUID();
    messages.push({
      id: openingId,
      ticketId,
      authorType: requester.contactId ? 'contact' : 'system',
      authorId: requester.contactId,
      authorName: requester.name,
      visibility: 'public',
      kind: 'attachments',
      body: description,
      channel: row.channel,
      createdAt: registeredAt,
    });
    mappings.push({ kind: 'opening', externalId: String(ticket.id), localId: openingId, fingerprint: '' });
    keep(ticket.content, openingId, registeredAt);
  }
  if (openingId) messageOfEntry.set(`ticket:${ticket.id}`, openingId);

  for (const entry of ticket.entries) {
    const key = entryKey(entry);
    const entryFingerprint = fingerprintOf(entry);
    const was = context.entriesKnown.get(key);
    const messageId = was?.localId ?? randomUUID();
    messageOfEntry.set(key, messageId);
    if (was?.fingerprint === entryFingerprint) continue;
    mappings.push({
      kind: entry.kind,
      externalId: String(entry.id),
      localId: messageId,
      fingerprint: entryFingerprint,
    });
    if (was) {
      changedMessages.push({ id: messageId, body: entry.content.text });
      continue;
    }
    const by = author(entry);
    const internal = entry.private || entry.kind === 'task';
    messages.push({
      id: messageId,
      ticketId,
      ...by,
      visibility: internal ? 'internal' : 'public',
      kind: messageKind(entry, internal, by),
      body: entry.content.text,
      channel: entry.byMail ? 'email' : 'portal',
      createdAt: entry.at,
    });
    keep(entry.content, messageId, entry.at);
  }

  let complete = true;
  for (const document of ticket.documents) {
    const key = documentKey(document);
    if (context.documentsKnown.has(key)) continue;
    const messageId = messageOfEntry.get(`${document.attachedTo.kind}:${document.attachedTo.id}`);
    const taken = messageId
      ? await readDocument(options.files, document)
      : { problem: `its ${document.attachedTo.kind} ${document.attachedTo.id} is not on the ticket` };
    if (!messageId || 'problem' in taken) {
      if ('problem' in taken)
        context.skipped.push({ kind: 'document', id: document.id, reason: taken.problem });
      complete = false;
      continue;
    }
    files.push({
      mappingKey: key,
      fileName: decodeGlpiText(document.fileName) || `document-${document.id}`,
      data: taken.data,
      messageId,
      createdAt: registeredAt,
    });
  }
  // A ticket whose files could not all be taken is looked at again by the next run.
  mappings.push({
    kind: 'ticket',
    externalId: String(ticket.id),
    localId: ticketId,
    fingerprint: complete ? fingerprint : `${fingerprint}${INCOMPLETE}`,
  });
  return {
    glpiId: ticket.id,
    ticket: row,
    isNew: !known,
    changed: !retrying,
    year: Number(moscowDate(registeredAt).slice(0, 4)),
    messages,
    changedMessages,
    files,
    mappings,
  };
}

/** The requester as this desk knows them: a contact of the organization, or the address GLPI had. */
function requesterOf(ticket: GlpiTicket, people: Map<number, Person>, organizationId: string) {
  for (const requester of ticket.requesters) {
    const person = people.get(requester.userId);
    if (person?.type === 'contact' && person.organizationId === organizationId)
      return { contactId: person.id, email: requester.email, name: person.name, userIds: [requester.userId] };
  }
  const first = ticket.requesters.find((requester) => requester.email);
  const email = first?.email?.toLowerCase() ?? null;
  return {
    contactId: null,
    email,
    name: email ?? 'GLPI',
    userIds: ticket.requesters.map((requester) => requester.userId),
  };
}

type Author = Pick<MessageRow, 'authorType' | 'authorId' | 'authorName'>;

/** What a GLPI entry is as a message here: a resolution, a note, or a public word of either side. */
function messageKind(entry: GlpiEntry, internal: boolean, by: Author): string {
  if (entry.kind === 'solution' && !entry.refused) return 'resolution';
  if (internal) return 'note';
  return by.authorType === 'contact' ? 'customer' : 'reply';
}

/**
 * Who wrote an entry: the agent or contact the GLPI user became; else the requester, when GLPI names
 * them or knew the writer by no account at all (a mail from their address); else someone of support.
 */
function authorOf(
  entry: GlpiEntry,
  ticket: GlpiTicket,
  people: Map<number, Person>,
  requester: ReturnType<typeof requesterOf>,
): Author {
  const person = people.get(entry.authorId);
  if (person) return { authorType: person.type, authorId: person.id, authorName: person.name };
  const fromRequester =
    entry.kind === 'followup' &&
    !entry.private &&
    (requester.userIds.includes(entry.authorId) || (entry.authorId === 0 && ticket.requesters.length > 0));
  if (fromRequester)
    return { authorType: 'contact', authorId: requester.contactId, authorName: requester.name };
  return { authorType: 'agent', authorId: null, authorName: `GLPI ${entry.authorId || ''}`.trim() };
}

/** A document's file from GLPI's files folder, checked against the SHA-1 GLPI recorded for it. */
async function readDocument(
  files: GlpiFiles,
  document: GlpiDocument,
): Promise<{ data: Buffer } | { problem: string }> {
  const name = decodeGlpiText(document.fileName) || `document ${document.id}`;
  const data = await files.read(document.filePath);
  if (!data) return { problem: `${name}: no file at ${files.locate(document.filePath)}` };
  const sha1 = createHash('sha1').update(data).digest('hex');
  if (document.sha1 && sha1 !== document.sha1) {
    return {
      problem: `${name}: the file at ${files.locate(document.filePath)} has SHA-1 ${sha1}, GLPI recorded ${document.sha1}`,
    };
  }
  return { data };
}
