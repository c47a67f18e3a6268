import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { agents, contacts, importMappings } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { GlpiTicket } from '../ports/glpiSource.js';
import type { Actor } from '../shared/actor.js';
import {
  documentKey,
  GLPI,
  type Person,
  type PlanRules,
  planTicket,
  type SkippedRecord,
  type TicketPlan,
} from './glpiTicketPlan.js';
import { writePlans } from './glpiTicketWrites.js';
import { type Mapping, mappingsOf } from './importMappings.js';

/** How many pages are written at once: one a core of this kind of machine, the reading beside them. */
const WRITERS = 2;

export interface TicketCounts {
  tickets: number;
  messages: number;
  attachments: number;
  skipped: SkippedRecord[];
}

export interface TicketImport extends PlanRules {
  importer: Actor;
  dryRun: boolean;
  onProgress?: (kind: string, done: number) => void;
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
  const writing: Promise<void>[] = [];
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
    // Pages are written side by side while the next is read and worked out: PostgreSQL spends a core on
    // each page's rows (their search documents and indexes), and the pages' rows never overlap.
    if (writing.length >= WRITERS) await writing.shift();
    seen += page.length;
    const done = seen;
    const written = (
      options.dryRun ? Promise.resolve() : writePlans(ctx, options.importer, plans, counts.skipped)
    ).then(() => {
      for (const plan of plans) {
        if (plan.changed) counts.tickets += 1;
        counts.messages += plan.messages.length;
        counts.attachments += plan.files.length;
      }
      options.onProgress?.('tickets', done);
    });
    // Awaited in turn; a failure meanwhile must not go unhandled.
    written.catch(() => undefined);
    writing.push(written);
  }
  await Promise.all(writing);
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
