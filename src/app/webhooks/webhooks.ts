import { desc, eq, sql } from 'drizzle-orm';
import type { WebhookInput } from '../../contract/webhooks.js';
import { webhookDeliveries, webhooks } from '../../db/schema.js';
import type { WebhookEventType } from '../../domain/webhooks/events.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { type Actor, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { newSecret } from '../shared/secrets.js';
import { endpointRefusal } from './endpointPolicy.js';

type WebhookRow = typeof webhooks.$inferSelect;
type DeliveryState = 'pending' | 'delivered' | 'failed';

interface LastDelivery {
  state: DeliveryState;
  responseStatus: number | null;
  at: string;
}

const webhookView = (row: WebhookRow, lastDelivery: LastDelivery | null) => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[],
  description: row.description,
  createdAt: row.createdAt.toISOString(),
  lastDelivery,
});

/**
 * Registers an endpoint of the vendor's systems for the events it chose. The address is checked
 * against the endpoint policy here, and the addresses its host stands for again at every delivery.
 * The secret that signs the deliveries is in this answer only.
 */
export async function createWebhook(ctx: AppContext, actor: Actor, input: WebhookInput) {
  requireAdmin(actor);
  const refusal = endpointRefusal(input.url, ctx.webhooks.allowedHosts);
  if (refusal) throw new AppError('invalid', refusal, 'url', { value: input.url });
  const secret = `whsec_${newSecret()}`;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhooks)
      .values({
        url: input.url,
        events: input.events,
        secret,
        description: input.description,
        createdById: actor.type === 'agent' ? actor.id : null,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, now, {
      entity: 'webhook',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: { url: row.url, events: row.events, description: row.description },
    });
    return { ...webhookView(row, null), secret };
  });
}

/** The endpoints, newest first, each with how its latest delivery went; never their secrets. */
export async function listWebhooks(ctx: AppContext, actor: Actor) {
  requireAdmin(actor);
  const rows = await ctx.db.select().from(webhooks).orderBy(desc(webhooks.createdAt), desc(webhooks.id));
  const latest = await ctx.db
    .selectDistinctOn([webhookDeliveries.webhookId], {
      webhookId: webhookDeliveries.webhookId,
      state: webhookDeliveries.state,
      responseStatus: webhookDeliveries.responseStatus,
      at: sql<Date>`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`,
    })
    .from(webhookDeliveries)
    .orderBy(webhookDeliveries.webhookId, desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id));
  const byWebhook = new Map(latest.map((delivery) => [delivery.webhookId, delivery]));
  return rows.map((row) => {
    const delivery = byWebhook.get(row.id);
    return webhookView(
      row,
      delivery
        ? {
            state: delivery.state as DeliveryState,
            responseStatus: delivery.responseStatus,
            at: new Date(delivery.at).toISOString(),
          }
        : null,
    );
  });
}

/** Removes an endpoint; its deliveries still waiting are not sent, and its log goes with it. */
export async function deleteWebhook(ctx: AppContext, actor: Actor, webhookId: string) {
  requireAdmin(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(webhooks).where(eq(webhooks.id, webhookId)).returning();
    if (!row) throw notFound();
    await recordAudit(tx, actor, now, {
      entity: 'webhook',
      entityId: row.id,
      action: 'delete',
      organizationId: null,
      before: { url: row.url, events: row.events, description: row.description },
      after: null,
    });
  });
}

/** An endpoint's delivery log, newest first: each event, its attempts and the endpoint's last answer. */
export async function listWebhookDeliveries(ctx: AppContext, actor: Actor, webhookId: string, limit: number) {
  requireAdmin(actor);
  const [webhook] = await ctx.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, webhookId));
  if (!webhook) throw notFound();
  const rows = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType as WebhookEventType,
    state: row.state as DeliveryState,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }));
}
