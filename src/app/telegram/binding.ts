import { and, eq } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ContactRow } from '../../db/repositories/entitlementRecords.js';
import { contacts, telegramLinkCodes, telegramLinks } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { requireVisibleOrganization } from '../customers/organizationAccess.js';
import { type Actor, contactActor, requireAdmin } from '../shared/actor.js';
import { notFound } from '../shared/errors.js';
import { rejectIntake } from '../tickets/registerRequest.js';
import { claimedLinkOf } from './linkCodes.js';

/** A phone number as contacts keep it (E.164), from whatever Telegram sent ("79161234567", "+7 916 ..."). */
export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[^\d+]/g, '');
  const parsed = parsePhoneNumberFromString(digits.startsWith('+') ? digits : `+${digits}`);
  return parsed?.isValid() ? parsed.number : null;
}

export type Binding =
  | { outcome: 'linked'; contact: ContactRow }
  | { outcome: 'not_own' }
  | { outcome: 'unknown'; phone: string }
  /** They came by a profile's link, and shared a phone that is not that contact's. */
  | { outcome: 'not_the_link_owner'; phone: string };

/**
 * Binds a Telegram user to the authorized contact whose phone they shared. Telegram attaches the
 * sharer's user id to their own contact card only, so a forwarded card (someone else's number) is
 * refused; an unknown or inactive number is refused and the attempt kept in the intake log. One who
 * came by a profile's link (linkCodes.ts) is bound only to that contact, by that contact's phone.
 */
export async function bindTelegramUser(
  ctx: AppContext,
  shared: { telegramUserId: number; chatId: number; cardUserId: number | undefined; phone: string },
): Promise<Binding> {
  if (shared.cardUserId !== shared.telegramUserId) return { outcome: 'not_own' };
  const phone = normalizePhone(shared.phone) ?? shared.phone;
  const link = await claimedLinkOf(ctx, shared.telegramUserId);
  const [contact] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.phone, phone), eq(contacts.active, true)));
  const now = ctx.clock.now();
  if (link && contact?.id !== link.contactId) return { outcome: 'not_the_link_owner', phone };
  if (!contact) {
    await rejectIntake(
      ctx,
      {
        channel: 'telegram',
        sender: `telegram:${shared.telegramUserId} ${phone}`,
        instanceId: null,
        severity: 'medium',
        subject: '',
        description: '',
      },
      undefined,
      null,
      'contact_unknown',
      now,
    );
    return { outcome: 'unknown', phone };
  }
  await ctx.db.transaction(async (tx) => {
    if (link)
      await tx
        .update(telegramLinkCodes)
        .set({ usedAt: now })
        .where(eq(telegramLinkCodes.digest, link.digest));
    // One Telegram account per contact and one contact per account: a new binding replaces the old.
    await tx.delete(telegramLinks).where(eq(telegramLinks.contactId, contact.id));
    await tx
      .insert(telegramLinks)
      .values({
        telegramUserId: shared.telegramUserId,
        chatId: shared.chatId,
        contactId: contact.id,
        linkedAt: now,
      })
      .onConflictDoUpdate({
        target: telegramLinks.telegramUserId,
        set: { chatId: shared.chatId, contactId: contact.id, linkedAt: now },
      });
  });
  return { outcome: 'linked', contact };
}

/** The contact a Telegram user speaks for, while bound and active. */
export async function boundContact(ctx: AppContext, telegramUserId: number) {
  const [row] = await ctx.db
    .select({ contact: contacts, chatId: telegramLinks.chatId })
    .from(telegramLinks)
    .innerJoin(contacts, eq(contacts.id, telegramLinks.contactId))
    .where(eq(telegramLinks.telegramUserId, telegramUserId));
  if (!row?.contact.active) return undefined;
  return { contact: row.contact, actor: contactActor(row.contact), chatId: row.chatId };
}

/** An administrator, or the contact itself in the portal, ends a binding. */
export async function unbindTelegram(ctx: AppContext, actor: Actor, contactId: string): Promise<void> {
  if (actor.type === 'contact' && actor.id !== contactId) throw notFound();
  if (actor.type !== 'contact') requireAdmin(actor);
  const removed = await ctx.db
    .delete(telegramLinks)
    .where(eq(telegramLinks.contactId, contactId))
    .returning({ id: telegramLinks.telegramUserId });
  if (removed.length === 0) throw notFound();
}

/** Whether a contact has a Telegram binding: the contact itself (its profile) and support may ask. */
export async function telegramBinding(ctx: AppContext, actor: Actor, contactId: string) {
  if (actor.type === 'contact' && actor.id !== contactId) throw notFound();
  if (actor.type === 'agent') {
    const [contact] = await ctx.db
      .select({ organizationId: contacts.organizationId })
      .from(contacts)
      .where(eq(contacts.id, contactId));
    if (!contact) throw notFound();
    await requireVisibleOrganization(ctx.db, actor, contact.organizationId);
  }
  const [row] = await ctx.db
    .select({ linkedAt: telegramLinks.linkedAt })
    .from(telegramLinks)
    .where(eq(telegramLinks.contactId, contactId));
  return {
    linked: Boolean(row),
    linkedAt: row?.linkedAt.toISOString() ?? null,
    botName: ctx.telegram ? ctx.telegramBotName : null,
  };
}
