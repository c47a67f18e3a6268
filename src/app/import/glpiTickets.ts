import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { insertByColumns } from '../../db/columnInsert.js';
import type { Queryable } from '../../db/database.js';
import {
  agents,
  attachments,
  auditEvents,
  contacts,
  importMappings,
  ticketMessages,
  tickets,
} from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { type GlpiMapping, mappedSeverity, mappedStatus } from '../../domain/glpi/glpiMapping.js';
import { decodeGlpiText } from '../../domain/glpi/glpiText.js';
import { SUBJECT_MAX_LENGTH } from '../../domain/tickets/limits.js';
import type { Actor } from '../actor.js';
import { storeTakenFile } from '../attachments.js';
import { auditRecord } from '../audit.js';
import type { AppContext } from '../context.js';
import type { GlpiDocument, GlpiEntry, GlpiFiles, GlpiText, GlpiTicket } from '../ports/glpiSource.js';
import { drawTicketNumbers } from '../tickets/ticketNumbers.js';
import { fingerprintOf, type Mapping, mappingsOf, type Remembered, remember } from './importMappings.js';

const GLPI = 'glpi';
/** Marks the fingerprint of a ticket taken without some of its files. */
const INCOMPLETE = ':incomplete';

/** A record the import left behind, and why. */
export interface SkippedRecord {
  kind: 'entity' | 'user' | 'ticket' | 'document';
  id: number;
  reason: string;
}

export interface TicketCounts {
  tickets: number;
  messages: number;
  attachments: number;
  skipped: SkippedRecord[];
}

export interface TicketImport {
  importer: Actor;
  mapping: GlpiMapping;
  /** The desk's organization of each customer entity. */
  organizationOf: Map<number, string>;
  files: GlpiFiles;
  dryRun: boolean;
  onProgress?: (kind: string, done: number) => void;
}

/** Someone GLPI knows, as this desk knows them after the people were taken. */
interface Person {
  type: 'agent' | 'contact';
  id: string;
  name: string;
  organizationId: string | null;
}

type TicketRow = typeof tickets.$inferInsert;
type MessageRow = typeof ticketMessages.$inferInsert;
type AttachmentRow = typeof attachments.$inferInsert;

/** A file to keep with a message, checked against GLPI's files folder before anything is written. */
interface PendingFile {
  mappingKey: string | null;
  fileName: string;
  data: Buffer;
  messageId: string;
  createdAt: Date;
}

/** What one GLPI ticket becomes: the rows to write, worked out before a transaction is opened. */
interface TicketPlan {
  glpiId: number;
  ticket: TicketRow & { id: string };
  isNew: boolean;
  /** New or changed in GLPI, rather than only its missing files tried again. */
  changed: boolean;
  year: number;
  messages: MessageRow[];
  changedMessages: { id: string; body: string }[];
  files: PendingFile[];
  mappings: Remembered[];
}

/**
 * Takes GLPI's tickets into the desk as history (docs/glpi-import.md): each becomes a request with its
 * GLPI number, original times, timeline and files, never measured against this desk's SLA and never
 * announced to anyone. A page of tickets is written in one transaction; a ticket that cannot be taken
 * is reported and the others go in.
 */
export async function importGlpiTickets(
  ctx: AppContext,
  pages: AsyncIterable<GlpiTicket[]>,
  options: TicketImport,
): Promise<TicketCounts> {
  const counts: TicketCounts = { tickets: 0, messages: 0, attachments: 0, skipped: [] };
  const people = await knownPeople(ctx.db);
  let seen = 0;
  let writing: Promise<void> = Promise.resolve();
  for await (const page of readingAhead(pages)) {
    const known = await mappingsOf(
      ctx.db,
      GLPI,
      'ticket',
      page.map((ticket) => String(ticket.id)),
    );
    const entriesKnown = await knownEntries(ctx.db, page);
    const documentsKnown = await mappingsOf(
      ctx.db,
      GLPI,
      'document',
      page.flatMap((ticket) => ticket.documents.map(documentKey)),
    );
    const plans: TicketPlan[] = [];
    for (const ticket of page) {
      const outcome = await planTicket(ticket, {
        options,
        people,
        known: known.get(String(ticket.id)),
        entriesKnown,
        documentsKnown,
        skipped: counts.skipped,
      });
      if (outcome) plans.push(outcome);
    }
    // One page is written while the next is read and worked out; never two written at once.
    await writing;
    seen += page.length;
    const done = seen;
    writing = (
      options.dryRun ? Promise.resolve() : writePlans(ctx, options.importer, plans, counts.skipped)
    ).then(() => {
      for (const plan of plans) {
        if (plan.changed) counts.tickets += 1;
        counts.messages += plan.messages.length;
        counts.attachments += plan.files.length;
      }
      options.onProgress?.('tickets', done);
    });
    // Awaited before the next page; a failure meanwhile must not go unhandled.
    writing.catch(() => undefined);
  }
  await writing;
  return counts;
}

/** Reads the next page while the current one is written: the two databases work at once. */
async function* readingAhead<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = pages[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = iterator.next();
    // Awaited on the next turn; a failure while this page is written must not go unhandled meanwhile.
    next.catch(() => undefined);
    yield current.value;
  }
}

/** Every GLPI user the people import mapped, with the name and organization they have here. */
async function knownPeople(db: Queryable): Promise<Map<number, Person>> {
  const people = new Map<number, Person>();
  const agentRows = await db
    .select({ externalId: importMappings.externalId, id: agents.id, name: agents.name })
    .from(importMappings)
    .innerJoin(agents, eq(agents.id, importMappings.localId))
    .where(and(eq(importMappings.source, GLPI), eq(importMappings.kind, 'agent')));
  for (const row of agentRows)
    people.set(Number(row.externalId), { type: 'agent', id: row.id, name: row.name, organizationId: null });
  const contactRows = await db
    .select({
      externalId: importMappings.externalId,
      id: contacts.id,
      name: contacts.name,
      organizationId: contacts.organizationId,
    })
    .from(importMappings)
    .innerJoin(contacts, eq(contacts.id, importMappings.localId))
    .where(and(eq(importMappings.source, GLPI), eq(importMappings.kind, 'contact')));
  for (const row of contactRows) people.set(Number(row.externalId), { type: 'contact', ...row });
  return people;
}

const entryKey = (entry: Pick<GlpiEntry, 'kind' | 'id'>) => `${entry.kind}:${entry.id}`;
const documentKey = (document: GlpiDocument) =>
  `${document.id}@${document.attachedTo.kind}:${document.attachedTo.id}`;

async function knownEntries(db: Queryable, page: GlpiTicket[]): Promise<Map<string, Mapping>> {
  const known = new Map<string, Mapping>();
  for (const kind of ['followup', 'task', 'solution'] as const) {
    const ids = page.flatMap((ticket) =>
      ticket.entries.filter((entry) => entry.kind === kind).map((entry) => String(entry.id)),
    );
    for (const [id, mapping] of await mappingsOf(db, GLPI, kind, ids)) known.set(`${kind}:${id}`, mapping);
  }
  // The message that carries the files of a ticket itself, by the ticket's id.
  const openings = await mappingsOf(
    db,
    GLPI,
    'opening',
    page.map((ticket) => String(ticket.id)),
  );
  for (const [id, mapping] of openings) known.set(`opening:${id}`, mapping);
  return known;
}

interface PlanContext {
  options: TicketImport;
  people: Map<number, Person>;
  known: Mapping | undefined;
  entriesKnown: Map<string, Mapping>;
  documentsKnown: Map<string, Mapping>;
  skipped: SkippedRecord[];
}

/** Why a GLPI ticket is not taken, or null when it is. */
function refusal(ticket: GlpiTicket, options: TicketImport): string | null {
  if (ticket.deleted) return 'in the GLPI trash';
  if (!options.organizationOf.has(ticket.entityId)) return `its entity ${ticket.entityId} is not a customer`;
  if (mappedStatus(options.mapping, ticket.status) === null)
    return `its status ${ticket.status} has no mapping (a mapping file can give one)`;
  if (!ticket.openedAt) return 'it has no opening date';
  return null;
}

async function planTicket(ticket: GlpiTicket, context: PlanContext): Promise<TicketPlan | null> {
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
  const row: TicketRow & { id: string } = {
    id: ticketId,
    number: '',
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
    createdAt: new Date(0),
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
      kind:
        entry.kind === 'solution' && !entry.refused
          ? 'resolution'
          : internal
            ? 'note'
            : by.authorType === 'contact'
              ? 'customer'
              : 'reply',
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
    if ('problem' in taken || !messageId) {
      context.skipped.push({
        kind: 'document',
        id: document.id,
        reason: 'problem' in taken ? taken.problem : '',
      });
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

/**
 * Writes a page's plans in one transaction; when it fails, ticket by ticket, so that the one that cannot
 * be written is reported and the others still go in.
 */
async function writePlans(ctx: AppContext, importer: Actor, plans: TicketPlan[], skipped: SkippedRecord[]) {
  if (plans.length === 0) return;
  try {
    await writeTogether(ctx, importer, plans);
  } catch {
    for (const plan of [...plans]) {
      try {
        await writeTogether(ctx, importer, [plan]);
      } catch (error) {
        skipped.push({
          kind: 'ticket',
          id: plan.glpiId,
          reason: `not written: ${failureOf(error)}`,
        });
        plans.splice(plans.indexOf(plan), 1);
      }
    }
  }
}

/** The database's own words for a failed write, not the statement it was given (files' bytes and all). */
function failureOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).slice(0, 300);
}

async function writeTogether(ctx: AppContext, importer: Actor, plans: TicketPlan[]) {
  const now = ctx.clock.now();
  const created = plans.filter((plan) => plan.isNew);
  // Numbered by the Moscow year each was opened in, a year's numbers drawn at once.
  const numbers = new Map<TicketPlan, string>();
  for (const year of new Set(created.map((plan) => plan.year))) {
    const ofYear = created.filter((plan) => plan.year === year);
    const drawn = await drawTicketNumbers(ctx.db, year, ofYear.length);
    ofYear.forEach((plan, index) => numbers.set(plan, drawn[index] as string));
  }
  // The files are stored first: a transaction that fails after leaves files no row names, never a row
  // without its file.
  const fileRows: AttachmentRow[] = [];
  const fileMappings: Remembered[] = [];
  for (const plan of plans) {
    for (const file of plan.files) {
      const row = await storeTakenFile(ctx, { ...file, ticketId: plan.ticket.id });
      fileRows.push(row);
      if (file.mappingKey)
        fileMappings.push({
          kind: 'document',
          externalId: file.mappingKey,
          localId: row.id as string,
          fingerprint: '',
        });
    }
  }
  await ctx.db.transaction(async (tx) => {
    if (created.length > 0) {
      await insertByColumns(
        tx,
        tickets,
        created.map((plan) => ({ ...plan.ticket, number: numbers.get(plan) as string, createdAt: now })),
      );
      await insertByColumns(
        tx,
        auditEvents,
        created.map((plan) =>
          auditRecord(importer, now, {
            entity: 'ticket',
            entityId: plan.ticket.id,
            action: 'import',
            organizationId: plan.ticket.organizationId,
            before: null,
            after: { importedFrom: GLPI, externalReference: plan.ticket.externalReference ?? null },
          }),
        ),
      );
    }
    for (const plan of plans.filter((candidate) => !candidate.isNew)) {
      const { id, number: _number, createdAt: _createdAt, ...fields } = plan.ticket;
      await tx.update(tickets).set(fields).where(eq(tickets.id, id));
    }
    await insertByColumns(
      tx,
      ticketMessages,
      plans.flatMap((plan) => plan.messages),
    );
    for (const plan of plans) {
      for (const changed of plan.changedMessages)
        await tx.update(ticketMessages).set({ body: changed.body }).where(eq(ticketMessages.id, changed.id));
    }
    if (fileRows.length > 0) await tx.insert(attachments).values(fileRows);
    await remember(tx, GLPI, [...plans.flatMap((plan) => plan.mappings), ...fileMappings], now);
  });
}
