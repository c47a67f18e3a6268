import { and, eq, getTableColumns, isNull, type SQL, sql } from 'drizzle-orm';
import { columnReader } from '../../db/columnReader.js';
import type { Queryable } from '../../db/database.js';
import { partnerOrganizations, tickets } from '../../db/schema.js';
import { frozen } from '../../db/statementShapes.js';
import type { Level } from '../../domain/entitlement/entitlement.js';
import {
  allowedActions,
  operationRefusal,
  type TicketOperation,
  type TicketReader,
} from '../../domain/tickets/allowedActions.js';
import type { Actor } from '../shared/actor.js';
import { AppError, forbidden, notFound } from '../shared/errors.js';

export type TicketRow = typeof tickets.$inferSelect;

/**
 * What a request's summary is made of: a page of fifty reads these columns alone, not the long text, the
 * search document and the watches' bookkeeping, which it would carry over the wire and map for nothing.
 */
const SUMMARY_COLUMNS = [
  'id',
  'number',
  'version',
  'organizationId',
  'contactId',
  'requesterEmail',
  'instanceId',
  'level',
  'severity',
  'status',
  'category',
  'outOfScope',
  'channel',
  'subject',
  'assigneeId',
  'registeredAt',
  'responseDueAt',
  'firstResponseAt',
  'slaBreachedAt',
  'autoCloseAt',
  'resolvedAt',
  'closedAt',
  'closeReason',
  'splitFromId',
  'mergedIntoId',
  'policyVersion',
  'importedFrom',
  'externalReference',
  'awaitingSupportSince',
  'followUpDueAt',
] as const satisfies readonly (keyof TicketRow)[];
const allColumns = getTableColumns(tickets);
export const listedTicketColumns = Object.fromEntries(
  SUMMARY_COLUMNS.map((name) => [name, allColumns[name]]),
) as { [Name in (typeof SUMMARY_COLUMNS)[number]]: (typeof allColumns)[Name] };
export type ListedTicketRow = Pick<TicketRow, (typeof SUMMARY_COLUMNS)[number]>;
export const readListedTicket = columnReader<ListedTicketRow>(listedTicketColumns);

/** The table the lists read, written once. */
export const listedTable = frozen(sql`${tickets}`);

/** The listed columns by their names, written once. */
const listedSelection = sql.raw(
  Object.values(listedTicketColumns)
    .map((column) => `"${column.name}"`)
    .join(', '),
);

/**
 * A page of requests as the lists read it: the listed columns, each request's tags for the reader, and
 * the key its order resumes from, read back by readListedTicket. One template rather than drizzle's
 * select builder, which spent a tenth of a queue page's time building the same thirty columns again.
 * The limit is written into the text: a plan made without the values (db/statementShapes.ts) then still
 * knows the page stops early, where a limit left as a parameter is taken for a tenth of the table.
 */
export function listingQuery(page: {
  tags: SQL;
  key: SQL;
  /** Where the requests come from when not straight from the table: a join naming `tickets`. */
  from?: SQL;
  where: SQL | undefined;
  orderBy: SQL[];
  limit: number;
}): SQL {
  return sql`select ${listedSelection}, ${page.tags} as listed_tags, ${page.key} as listed_key
    from ${page.from ?? listedTable} where ${page.where ?? sql`true`}
    order by ${sql.join(page.orderBy, sql`, `)} limit ${limitText(page.limit)}`;
}

/** A page's limit as it is written into a statement's text: a whole number, checked, never a parameter. */
export function limitText(limit: number): SQL {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`a page limit of ${limit}`);
  return sql.raw(String(limit));
}

/**
 * Whether a request is measured against this desk's SLA: all but those imported from another desk. The
 * watches, the queue's urgency and breached filter, the summaries and the SLA report ask this.
 */
export const measuredAgainstSla = isNull(tickets.importedFrom);

/** A request filed under a certificate: every request but one imported from another desk. */
export type EntitledTicket = TicketRow & {
  contactId: string;
  instanceId: string;
  certificateId: string;
  level: Level;
  policyVersion: string;
};

/** The request with its entitlement, or the refusal an imported request gets for work counted against one. */
export function entitledTicket(ticket: TicketRow): EntitledTicket {
  const { contactId, instanceId, certificateId, level, policyVersion } = ticket;
  if (
    contactId === null ||
    instanceId === null ||
    certificateId === null ||
    level === null ||
    policyVersion === null
  )
    throw new AppError('conflict', 'imported_without_entitlement', 'ticketId', { value: ticket.number });
  return { ...ticket, contactId, instanceId, certificateId, level, policyVersion };
}

/**
 * Which tickets an actor may see, as a condition: a contact its organization's, a partner engineer
 * those of the organizations it works for (§2.6), the vendor's own team all of them.
 */
export function visibleTicketsCondition(actor: Actor): SQL | undefined {
  if (actor.type === 'contact') return eq(tickets.organizationId, actor.organizationId);
  if (actor.type === 'agent' && actor.role === 'partner') {
    return sql`${tickets.organizationId} in (select ${partnerOrganizations.organizationId} from ${partnerOrganizations} where ${partnerOrganizations.agentId} = ${actor.id})`;
  }
  return undefined;
}

/**
 * Takes a ticket for a change: locked, checked against the version the caller saw (when it names one),
 * and moved to the next version, so that a second change made on the same version answers 409.
 */
export async function ticketForChange(
  db: Queryable,
  actor: Actor,
  ticketId: string,
  seenVersion: number | undefined,
): Promise<TicketRow> {
  const ticket = await visibleTicket(db, actor, ticketId, true);
  if (seenVersion !== undefined && ticket.version !== seenVersion)
    throw new AppError('conflict', 'ticket_changed', 'version', { version: ticket.version });
  const [next] = await db
    .update(tickets)
    .set({ version: sql`${tickets.version} + 1` })
    .where(eq(tickets.id, ticket.id))
    .returning();
  return next ?? ticket;
}

/** A ticket the actor may see, or "not found" exactly as for one that does not exist. */
export async function visibleTicket(
  db: Queryable,
  actor: Actor,
  ticketId: string,
  lock = false,
): Promise<TicketRow> {
  const query = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), visibleTicketsCondition(actor)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  return row;
}

/** Support work on tickets is for the vendor's team and partner engineers, not for customers. */
export function isSupport(
  actor: Actor,
): actor is Extract<Actor, { type: 'agent' }> | Extract<Actor, { type: 'system' }> {
  return actor.type === 'agent' || actor.type === 'system';
}

export const readerOf = (actor: Actor): TicketReader => (actor.type === 'contact' ? 'customer' : 'support');

/** What the actor may do to the request now, from the domain's rules; sent with every request. */
export const ticketActionsFor = (actor: Actor, ticket: ListedTicketRow): TicketOperation[] =>
  allowedActions(ticket, readerOf(actor));

/** Refuses an operation the domain does not allow the actor on this request, with the domain's reason. */
export function requireOperation(actor: Actor, ticket: TicketRow, operation: TicketOperation): void {
  const refusal = operationRefusal(ticket, readerOf(actor), operation);
  if (refusal === null) return;
  if (refusal === 'forbidden') throw forbidden();
  if (refusal === 'transition_not_allowed')
    throw new AppError('conflict', refusal, 'status', { from: ticket.status, action: operation });
  const field = refusal === 'out_of_scope_needs_consultation' ? 'category' : 'ticketId';
  throw new AppError('invalid', refusal, field, { value: ticket.number });
}
