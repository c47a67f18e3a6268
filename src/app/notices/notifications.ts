import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationSettingsInput, NotificationsReadInput } from '../../contract/notifications.js';
import { agents, notifications } from '../../db/schema.js';
import { agentMailSettings } from '../../domain/notices/agentMail.js';
import type { Language } from '../../domain/people.js';
import { renderNotification } from '../../i18n/notifications.js';
import type { AppContext } from '../context.js';
import type { BatchOutboxHandler } from '../outbox/dispatch.js';
import type { Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';

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

/** How many of the signed-in person's notifications are unread: the bell's count. */
export async function countUnreadNotifications(ctx: AppContext, actor: Actor): Promise<number> {
  const mine = recipientOf(actor);
  if (!mine) return 0;
  const [row] = await ctx.db
    .select({ unread: count() })
    .from(notifications)
    .where(and(mine, isNull(notifications.readAt)));
  return row?.unread ?? 0;
}

/** Marks notices read: the ones named, those of one request (its page was opened), or all of them. */
export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  target: NotificationsReadInput,
): Promise<number> {
  const mine = recipientOf(actor);
  if (!mine) return 0;
  const which =
    'ids' in target
      ? inArray(notifications.id, [...target.ids])
      : 'ticketId' in target
        ? eq(notifications.ticketId, target.ticketId)
        : undefined;
  const updated = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.clock.now() })
    .where(and(mine, which, isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}

/** The notices a support person gets by mail too; customers' channels are theirs to bind, not chosen here. */
export async function getNotificationSettings(ctx: AppContext, actor: Actor) {
  const agent = requireAgent(actor);
  const [row] = await ctx.db
    .select({ mailNotices: agents.mailNotices })
    .from(agents)
    .where(eq(agents.id, agent.id));
  return { mail: agentMailSettings(row?.mailNotices) };
}

export async function updateNotificationSettings(
  ctx: AppContext,
  actor: Actor,
  input: NotificationSettingsInput,
) {
  const agent = requireAgent(actor);
  const [row] = await ctx.db
    .select({ mailNotices: agents.mailNotices })
    .from(agents)
    .where(eq(agents.id, agent.id));
  const mail = agentMailSettings({ ...row?.mailNotices, ...input.mail });
  await ctx.db
    .update(agents)
    .set({ mailNotices: mail, updatedAt: ctx.clock.now() })
    .where(eq(agents.id, agent.id));
  return { mail };
}

function requireAgent(actor: Actor): Extract<Actor, { type: 'agent' }> {
  if (actor.type !== 'agent') throw forbidden();
  return actor;
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
