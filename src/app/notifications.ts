import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '../db/schema.js';
import type { Language } from '../domain/people.js';
import { renderNotification } from '../i18n/notifications.js';
import type { Actor } from './actor.js';
import type { AppContext } from './context.js';
import type { BatchOutboxHandler } from './outbox/dispatch.js';

function recipientOf(actor: Actor) {
  if (actor.type === 'system') return undefined;
  return and(eq(notifications.recipientType, actor.type), eq(notifications.recipientId, actor.id));
}

/** The signed-in person's notifications, newest first, in their language. */
export async function listNotifications(
  ctx: AppContext,
  actor: Actor,
  query: { unreadOnly: boolean; limit: number },
  language: Language,
) {
  const mine = recipientOf(actor);
  if (!mine) return [];
  const rows = await ctx.db
    .select()
    .from(notifications)
    .where(and(mine, query.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.outboxId))
    .limit(query.limit);
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticketId,
    template: row.template,
    text: renderNotification(row.template, row.params as Record<string, unknown>, language),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
}

export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  ids: readonly string[],
): Promise<number> {
  const mine = recipientOf(actor);
  if (!mine || ids.length === 0) return 0;
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine, inArray(notifications.id, [...ids]), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/**
 * Delivers notifications inside the desk, a batch in one statement; keyed by outbox id, so a
 * redelivery changes nothing.
 */
export const deliverInAppNotifications: BatchOutboxHandler<'notice.inapp'> = {
  async batch(ctx, entries) {
    const now = ctx.clock.now();
    await ctx.db
      .insert(notifications)
      .values(
        entries.map(({ id, payload }) => ({
          outboxId: id,
          recipientType: payload.recipient.type,
          recipientId: payload.recipient.id,
          ticketId: payload.ticketId,
          template: payload.template,
          params: payload.params,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: notifications.outboxId });
  },
};
