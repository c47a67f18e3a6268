import { eq } from 'drizzle-orm';
import type { LiveEvent } from '../../contract/events.js';
import type { Queryable } from '../../db/database.js';
import { partnerOrganizations } from '../../db/schema.js';
import type { Actor } from '../shared/actor.js';
import type { LiveChange } from './changes.js';

/**
 * Someone reading the live feed, with what they may see: a contact their organization's requests and
 * public messages, a partner engineer the organizations assigned to them, the vendor's team everything.
 * The same rule as the API's (tickets/access.ts), applied to a change instead of a query.
 */
export interface LiveReader {
  actor: Actor;
  /** The organizations a partner engineer works for; null when the reader is not a partner. */
  partnerOf: ReadonlySet<string> | null;
}

export async function liveReaderOf(db: Queryable, actor: Actor): Promise<LiveReader> {
  if (actor.type !== 'agent' || actor.role !== 'partner') return { actor, partnerOf: null };
  const rows = await db
    .select({ organizationId: partnerOrganizations.organizationId })
    .from(partnerOrganizations)
    .where(eq(partnerOrganizations.agentId, actor.id));
  return { actor, partnerOf: new Set(rows.map((row) => row.organizationId)) };
}

function seesOrganization(reader: LiveReader, organizationId: string): boolean {
  const { actor } = reader;
  if (actor.type === 'contact') return actor.organizationId === organizationId;
  if (actor.type !== 'agent') return false;
  return reader.partnerOf === null || reader.partnerOf.has(organizationId);
}

/** The event a change makes for this reader, or null when it is none of their business. */
export function eventFor(reader: LiveReader, change: LiveChange): LiveEvent | null {
  const { actor } = reader;
  switch (change.kind) {
    case 'ticket':
      return seesOrganization(reader, change.organizationId)
        ? { type: 'ticket.changed', ticketId: change.ticketId }
        : null;
    case 'message':
      if (!seesOrganization(reader, change.organizationId)) return null;
      if (actor.type === 'contact' && change.visibility !== 'public') return null;
      return { type: 'message.added', ticketId: change.ticketId };
    case 'notification':
      return actor.type !== 'system' && actor.type === change.recipientType && actor.id === change.recipientId
        ? { type: 'notification.changed', ticketId: change.ticketId }
        : null;
    case 'presence':
      // Presence is support's: customers are not shown who is working on their request.
      return actor.type === 'agent' && seesOrganization(reader, change.organizationId)
        ? { type: 'presence.changed', ticketId: change.ticketId, people: change.people }
        : null;
  }
}
