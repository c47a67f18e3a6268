import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { MergeInput } from '../../contract/tickets.js';
import { attachments, contacts, ticketMessages, tickets } from '../../db/schema.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import { recordEvent } from '../events/stream.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { entitledTicket, requireOperation, ticketForChange } from './access.js';
import { deadlineChanges } from './deadlineChanges.js';
import { tellContact } from './notices.js';
import { applyAction, auditTicket, postMessage, updateTicket } from './state.js';
import { requireSupport } from './withTicket.js';

/**
 * Merges a duplicate into the original, within one organization: the duplicate's description and
 * messages move to the original (each marked with where it came from), with their attachments; the
 * duplicate is closed with a link both ways and its contact told where the conversation goes on. The
 * earlier registration governs the original's response deadline, unless support has responded already.
 */
export async function mergeTicket(
  ctx: AppContext,
  actor: Actor,
  duplicateId: string,
  input: MergeInput,
  seenVersion?: number,
) {
  requireSupport(actor);
  if (duplicateId === input.intoTicketId) throw new AppError('invalid', 'merge_into_itself', 'intoTicketId');
  const sla = await ctx.sla.load(ctx.db);
  return ctx.db.transaction(async (tx) => {
    // Both locked, always in the same order, so that two merges of the same pair take turns.
    await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(inArray(tickets.id, [duplicateId, input.intoTicketId]))
      .orderBy(asc(tickets.id))
      .for('update');
    const duplicate = await ticketForChange(tx, actor, duplicateId, seenVersion);
    const original = await ticketForChange(tx, actor, input.intoTicketId, input.intoVersion);
    if (duplicate.organizationId !== original.organizationId)
      throw new AppError('invalid', 'merge_across_organizations', 'intoTicketId');
    const context = { db: tx, sla, actor, now: ctx.clock.now() };
    // The duplicate is closed by the merge; the original takes messages, as a note would be added.
    requireOperation(actor, duplicate, 'merge');
    requireOperation(actor, original, 'addNote');

    const [contact] = await tx
      .select({ name: contacts.name, language: contacts.language })
      .from(contacts)
      .where(eq(contacts.id, entitledTicket(duplicate).contactId));
    await tx.insert(ticketMessages).values({
      ticketId: original.id,
      authorType: 'contact',
      authorId: duplicate.contactId,
      authorName: contact?.name ?? '',
      visibility: 'public',
      kind: 'customer',
      body: `${duplicate.subject}\n\n${duplicate.description}`,
      channel: duplicate.channel,
      mergedFromId: duplicate.id,
      createdAt: duplicate.registeredAt,
    });
    await tx
      .update(ticketMessages)
      .set({
        ticketId: original.id,
        mergedFromId: sql`coalesce(${ticketMessages.mergedFromId}, ${duplicate.id})`,
      })
      .where(eq(ticketMessages.ticketId, duplicate.id));
    await tx.update(attachments).set({ ticketId: original.id }).where(eq(attachments.ticketId, duplicate.id));

    const earlier = duplicate.registeredAt < original.registeredAt ? duplicate.registeredAt : null;
    const awaiting = [original.awaitingSupportSince, duplicate.awaitingSupportSince]
      .filter((at): at is Date => at !== null)
      .sort((a, b) => a.getTime() - b.getTime())[0];
    const merged = await updateTicket(context, original.id, {
      ...(earlier && original.level
        ? {
            registeredAt: earlier,
            ...deadlineChanges(
              context,
              { ...original, registeredAt: earlier },
              original.level,
              original.severity,
              'intoTicketId',
            ),
          }
        : {}),
      ...(awaiting && original.status !== 'resolved' ? { awaitingSupportSince: awaiting } : {}),
    });
    await auditTicket(
      context,
      original,
      {
        registeredAt: original.registeredAt.toISOString(),
        responseDueAt: original.responseDueAt.toISOString(),
      },
      {
        mergedFrom: duplicate.number,
        registeredAt: merged.registeredAt.toISOString(),
        responseDueAt: merged.responseDueAt.toISOString(),
      },
    );
    const closed = await applyAction(context, duplicate, 'close', {
      closeReason: 'merged',
      mergedIntoId: original.id,
    });
    // The desk's own word: it answers nobody, so the duplicate is not counted as responded to by it.
    await postMessage({ ...context, actor: { type: 'system', name: 'merge' } }, closed, {
      visibility: 'public',
      kind: 'merged',
      body: translator(contact?.language ?? 'ru')('tickets.merged_message', { number: original.number }),
      channel: duplicate.channel,
    });
    await auditTicket(context, duplicate, null, { mergedInto: original.number });
    await recordEvent(
      tx,
      context.now,
      context.actor,
      'ticket.merged',
      { ticket: closed },
      {
        into: { id: original.id, number: original.number },
      },
    );
    await tellContact(context, closed, 'ticket_merged', { into: original.number });
    return { duplicate: closed, original: merged };
  });
}
