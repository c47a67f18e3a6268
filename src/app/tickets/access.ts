import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../db/database.js';
import { partnerOrganizations, tickets } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { notFound } from '../errors.js';

export type TicketRow = typeof tickets.$inferSelect;

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
