import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { RejectionContactInput, RejectionRegistrationInput } from '../../contract/intake.js';
import type { ContactInput } from '../../contract/organizations.js';
import type { Queryable } from '../../db/database.js';
import { intakeRejections, tickets } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { createContact } from '../customers/contacts.js';
import { type Actor, actorLabel, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { registerRequest } from './registerRequest.js';

type RejectionRow = typeof intakeRejections.$inferSelect;

/** The intake log: requests refused at the door, newest first, each with how it was settled. */
export async function listIntakeRejections(ctx: AppContext, actor: Actor, query: { limit: number }) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(intakeRejections)
    .orderBy(desc(intakeRejections.at))
    .limit(query.limit);
  return views(ctx.db, rows);
}

async function views(db: Queryable, rows: RejectionRow[]) {
  const ticketIds = rows.flatMap((row) => (row.settledTicketId ? [row.settledTicketId] : []));
  const numbers = ticketIds.length
    ? await db
        .select({ id: tickets.id, number: tickets.number })
        .from(tickets)
        .where(inArray(tickets.id, ticketIds))
    : [];
  return rows.map((row) => {
    const { settledAt, settledBy, settlement, settledTicketId, settledContactId, ...rest } = row;
    const ticket = numbers.find((found) => found.id === settledTicketId) ?? null;
    return {
      ...rest,
      at: row.at.toISOString(),
      settlement:
        settledAt && settlement
          ? {
              kind: settlement as 'registered' | 'contact_added',
              at: settledAt.toISOString(),
              by: settledBy ?? '',
              ticket,
              contactId: settledContactId,
            }
          : null,
    };
  });
}

/** A refusal not yet settled; one already settled answers 409 with how. */
async function openRejection(db: Queryable, rejectionId: string): Promise<RejectionRow> {
  const [row] = await db.select().from(intakeRejections).where(eq(intakeRejections.id, rejectionId));
  if (!row) throw notFound();
  if (row.settledAt)
    throw new AppError('conflict', 'rejection_settled', 'rejectionId', { value: row.settlement ?? '' });
  return row;
}

/** Marks the refusal settled, once, and audits who did what: a second settler finds it taken. */
async function settle(
  ctx: AppContext,
  actor: Actor,
  row: RejectionRow,
  settlement:
    | { kind: 'registered'; ticketId: string; organizationId: string }
    | { kind: 'contact_added'; contactId: string; organizationId: string },
) {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [settled] = await tx
      .update(intakeRejections)
      .set({
        settledAt: now,
        settledBy: actorLabel(actor),
        settlement: settlement.kind,
        settledTicketId: settlement.kind === 'registered' ? settlement.ticketId : null,
        settledContactId: settlement.kind === 'contact_added' ? settlement.contactId : null,
      })
      .where(and(eq(intakeRejections.id, row.id), isNull(intakeRejections.settledAt)))
      .returning();
    if (!settled) throw new AppError('conflict', 'rejection_settled', 'rejectionId');
    await recordAudit(tx, actor, now, {
      entity: 'intake_rejection',
      entityId: row.id,
      action: 'update',
      organizationId: settlement.organizationId,
      before: { reason: row.reason, sender: row.sender, channel: row.channel },
      after: settlement,
    });
    const [view] = await views(tx, [settled]);
    return view;
  });
}

/**
 * Registers a refused request for a known contact: the sender wrote from an address the desk does not
 * know, and an administrator knows whose it is. The request goes through the same intake as any other
 * (the contact's entitlement is checked anew) and counts from now; the log keeps who settled it.
 */
export async function registerRefusedRequest(
  ctx: AppContext,
  actor: Actor,
  rejectionId: string,
  input: RejectionRegistrationInput,
) {
  requireAdmin(actor);
  const row = await openRejection(ctx.db, rejectionId);
  const ticket = await registerRequest(ctx, actor, {
    channel: row.channel,
    contactId: input.contactId,
    sender: row.sender,
    instanceId: input.instanceId,
    severity: input.severity,
    category: 'problem',
    subject: input.subject ?? (row.subject || row.description?.slice(0, 120) || '—'),
    description: row.description || row.subject || '—',
    attachmentIds: [],
    receivedAt: ctx.clock.now(),
    // Settled twice at once, or again after a failure half-way: one request, not two.
    intakeKey: `rejection:${row.id}`,
  });
  return settle(ctx, actor, row, {
    kind: 'registered',
    ticketId: ticket.id,
    organizationId: ticket.organizationId,
  });
}

/**
 * Adds a refused sender as a contact of an organization, under every rule a new contact has (a unique
 * address, an invitation to set a password); their next request is accepted when a certificate covers it.
 */
export async function addRefusedSender(
  ctx: AppContext,
  actor: Actor,
  rejectionId: string,
  input: RejectionContactInput,
) {
  requireAdmin(actor);
  const row = await openRejection(ctx.db, rejectionId);
  if (row.channel !== 'email' || !row.sender?.includes('@'))
    throw new AppError('invalid', 'rejection_sender_not_address', 'rejectionId', { value: row.sender ?? '' });
  const contactInput: ContactInput = {
    name: input.name,
    email: row.sender,
    phone: null,
    language: 'ru',
    active: true,
    invite: true,
  };
  const contact = await createContact(ctx, actor, input.organizationId, contactInput);
  return settle(ctx, actor, row, {
    kind: 'contact_added',
    contactId: contact.id,
    organizationId: input.organizationId,
  });
}
