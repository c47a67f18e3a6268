import { and, eq, gt, isNull } from 'drizzle-orm';
import { telegramLinkCodes } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { digest, newSecret } from '../shared/secrets.js';

/** How long a profile's link to the bot may be opened. */
const LINK_LIFETIME_MS = 15 * 60_000;

/**
 * The profile's link to the bot, `https://t.me/<bot>?start=<code>`: a one-time code (kept as its digest)
 * that names the contact to the bot. Opening it asks for the phone as always; only the phone of this
 * contact then binds the chat. A new link voids the contact's earlier ones.
 */
export async function issueTelegramLink(ctx: AppContext, actor: Actor, contactId: string) {
  // Only the contact, from their own profile: the link binds whoever opens it with that phone.
  if (actor.type !== 'contact' || actor.id !== contactId) throw notFound();
  if (!ctx.telegram || !ctx.telegramBotName) throw new AppError('conflict', 'telegram_not_configured');
  const code = newSecret();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(telegramLinkCodes)
      .set({ usedAt: now })
      .where(and(eq(telegramLinkCodes.contactId, actor.id), isNull(telegramLinkCodes.usedAt)));
    await tx
      .insert(telegramLinkCodes)
      .values({ digest: digest(code), contactId: actor.id, createdAt: now, expiresAt });
  });
  return {
    botName: ctx.telegramBotName,
    url: `https://t.me/${ctx.telegramBotName}?start=${code}`,
    expiresAt: expiresAt.toISOString(),
  };
}

/** `/start <code>`: the Telegram user takes the link's code for themselves; false when it is no longer good. */
export async function claimTelegramLink(ctx: AppContext, telegramUserId: number, code: string) {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .update(telegramLinkCodes)
    .set({ claimedBy: telegramUserId })
    .where(
      and(
        eq(telegramLinkCodes.digest, digest(code)),
        isNull(telegramLinkCodes.usedAt),
        gt(telegramLinkCodes.expiresAt, now),
      ),
    )
    .returning({ contactId: telegramLinkCodes.contactId });
  return claimed.length > 0;
}

/** The contact a Telegram user's open link names, if they opened one that is still good. */
export async function claimedLinkOf(ctx: AppContext, telegramUserId: number) {
  const [row] = await ctx.db
    .select({ digest: telegramLinkCodes.digest, contactId: telegramLinkCodes.contactId })
    .from(telegramLinkCodes)
    .where(
      and(
        eq(telegramLinkCodes.claimedBy, telegramUserId),
        isNull(telegramLinkCodes.usedAt),
        gt(telegramLinkCodes.expiresAt, ctx.clock.now()),
      ),
    );
  return row;
}
