import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import {
  certificateInstances,
  certificates,
  contacts,
  instances,
  organizations,
  telegramLinks,
  tickets,
} from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { validityStatusOn } from '../../domain/entitlement/period.js';
import { ACTIVE_STATUSES, type Status } from '../../domain/tickets/lifecycle.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { visibleTicket } from './access.js';
import { requireSupport } from './withTicket.js';

const OPEN_SHOWN = 20;
const RECENT_SHOWN = 10;

const requestLine = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  severity: tickets.severity,
  registeredAt: tickets.registeredAt,
  mergedIntoId: tickets.mergedIntoId,
};
const lineView = <Row extends { registeredAt: Date }>(row: Row) => ({
  ...row,
  registeredAt: row.registeredAt.toISOString(),
});

/** The customer at hand, for support on the request page: what they hold, what else they asked, how they write. */
export async function customerContext(ctx: AppContext, actor: Actor, ticketId: string) {
  requireSupport(actor);
  const ticket = await visibleTicket(ctx.db, actor, ticketId);
  const today = moscowDate(ctx.clock.now());
  // The organization's other requests in some statuses, in an order, the first few.
  const others = (statuses: Status[], order: SQL, limit: number) =>
    ctx.db
      .select(requestLine)
      .from(tickets)
      .where(
        and(
          eq(tickets.organizationId, ticket.organizationId),
          ne(tickets.id, ticket.id),
          inArray(tickets.status, statuses),
        ),
      )
      .orderBy(order)
      .limit(limit);
  // An imported request whose requester the old desk knew by address alone has no contact to show.
  const ofContact = async <Row>(read: (contactId: string) => Promise<Row[]>): Promise<Row[]> =>
    ticket.contactId ? read(ticket.contactId) : [];
  const [[organization], held, covered, open, recent, [contact], [telegram], channels] = await Promise.all([
    ctx.db
      .select({ id: organizations.id, name: organizations.name, inn: organizations.inn })
      .from(organizations)
      .where(eq(organizations.id, ticket.organizationId)),
    ctx.db
      .select()
      .from(certificates)
      .where(eq(certificates.organizationId, ticket.organizationId))
      .orderBy(desc(certificates.validTo)),
    ctx.db
      .select({ certificateId: certificateInstances.certificateId, id: instances.id, name: instances.name })
      .from(certificateInstances)
      .innerJoin(instances, eq(instances.id, certificateInstances.instanceId))
      .innerJoin(certificates, eq(certificates.id, certificateInstances.certificateId))
      .where(eq(certificates.organizationId, ticket.organizationId))
      .orderBy(asc(instances.name)),
    others([...ACTIVE_STATUSES], asc(tickets.responseDueAt), OPEN_SHOWN),
    others(['resolved', 'closed'], desc(tickets.registeredAt), RECENT_SHOWN),
    ofContact((contactId) => ctx.db.select().from(contacts).where(eq(contacts.id, contactId))),
    ofContact((contactId) =>
      ctx.db
        .select({ contactId: telegramLinks.contactId })
        .from(telegramLinks)
        .where(eq(telegramLinks.contactId, contactId))
        .limit(1),
    ),
    ofContact((contactId) =>
      ctx.db
        .select({ channel: tickets.channel, count: sql<number>`count(*)::int` })
        .from(tickets)
        .where(eq(tickets.contactId, contactId))
        .groupBy(tickets.channel)
        .orderBy(desc(sql`count(*)`)),
    ),
  ]);
  if (!organization) throw new Error('a request without its organization');
  return {
    organization,
    certificates: held.map((certificate) => ({
      id: certificate.id,
      number: certificate.number,
      level: certificate.level,
      validFrom: certificate.validFrom,
      validTo: certificate.validTo,
      status: validityStatusOn(certificate, today),
      instances: covered
        .filter((row) => row.certificateId === certificate.id)
        .map((row) => ({ id: row.id, name: row.name })),
      coversThisRequest: certificate.id === ticket.certificateId,
    })),
    openRequests: open.map(lineView),
    recentRequests: recent.map(lineView),
    contact: contact
      ? {
          id: contact.id,
          name: contact.name,
          email: contact.email,
          phone: contact.phone,
          active: contact.active,
          telegramLinked: telegram !== undefined,
          requestsByChannel: channels,
        }
      : null,
  };
}
