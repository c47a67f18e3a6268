import { and, eq, lte, sql } from 'drizzle-orm';
import { webhookDeliveries, webhooks } from '../../db/schema.js';
import { DEFAULT_MAX_ATTEMPTS, type OutboxHandler } from '../outbox/dispatch.js';
import { enqueue, outboxEntry } from '../outbox/enqueue.js';
import { signatureHeader } from './signature.js';

/** How much of a failure the delivery log keeps. */
const ERROR_KEPT_CHARACTERS = 500;

/**
 * Fans an event out to the endpoints that take its type and were registered before it happened: a
 * delivery each, with its own outbox entry, in one transaction. A delivery is unique by (endpoint,
 * event), so a fan-out run again after a crash adds nothing; an endpoint's deliveries of one request
 * keep their order.
 */
export const fanOutWebhookEvent: OutboxHandler<'webhook.event'> = async (ctx, entry) => {
  const event = entry.payload;
  const body = JSON.stringify(event);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const subscribed = await tx
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(sql`${event.type} = any(${webhooks.events})`, lte(webhooks.createdAt, entry.createdAt)));
    if (subscribed.length === 0) return;
    const created = await tx
      .insert(webhookDeliveries)
      .values(
        subscribed.map((webhook) => ({
          webhookId: webhook.id,
          eventId: event.id,
          eventType: event.type,
          body,
          createdAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId });
    const ticketId = typeof event.ticket?.id === 'string' ? event.ticket.id : null;
    await enqueue(
      tx,
      created.map((delivery) =>
        outboxEntry(
          now,
          'webhook.delivery',
          { deliveryId: delivery.id },
          ticketId ? `${delivery.webhookId}:${ticketId}` : delivery.webhookId,
        ),
      ),
    );
  });
};

const failureText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, ERROR_KEPT_CHARACTERS);

/**
 * Posts one delivery, signed at the moment it leaves (a receiver refuses an old signature), and logs
 * the attempt: 2xx delivers it, anything else is retried by the outbox until its attempts run out,
 * when the log marks it failed. A delivery whose endpoint was deleted, or already delivered, is done.
 * Should the desk stop between the endpoint's answer and the log, the delivery is posted again with
 * the same X-Supportdesk-Delivery id, the receiver's key against taking it twice.
 */
export const postWebhookDelivery: OutboxHandler<'webhook.delivery'> = async (ctx, entry) => {
  const [delivery] = await ctx.db
    .select({
      id: webhookDeliveries.id,
      state: webhookDeliveries.state,
      eventId: webhookDeliveries.eventId,
      eventType: webhookDeliveries.eventType,
      body: webhookDeliveries.body,
      url: webhooks.url,
      secret: webhooks.secret,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, entry.payload.deliveryId));
  // A delivery given up on is sent again when an administrator retries its outbox entry.
  if (!delivery || delivery.state === 'delivered') return;
  const sentAt = ctx.clock.now();
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Supportdesk-Webhooks/1',
    'x-supportdesk-event': delivery.eventType,
    'x-supportdesk-event-id': delivery.eventId,
    'x-supportdesk-delivery': delivery.id,
    'x-supportdesk-signature': signatureHeader(
      delivery.secret,
      Math.floor(sentAt.getTime() / 1000),
      delivery.body,
    ),
  };
  let outcome: { status: number | null; error: string | null };
  try {
    const answer = await ctx.webhooks.post(delivery.url, headers, delivery.body);
    const accepted = answer.status >= 200 && answer.status < 300;
    outcome = { status: answer.status, error: accepted ? null : answer.body || `HTTP ${answer.status}` };
  } catch (error) {
    outcome = { status: null, error: failureText(error) };
  }
  const delivered = outcome.error === null;
  const givenUp = !delivered && entry.attempts >= DEFAULT_MAX_ATTEMPTS;
  await ctx.db
    .update(webhookDeliveries)
    .set({
      state: delivered ? 'delivered' : givenUp ? 'failed' : 'pending',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      responseStatus: outcome.status,
      lastError: outcome.error?.slice(0, ERROR_KEPT_CHARACTERS) ?? null,
      lastAttemptAt: sentAt,
      deliveredAt: delivered ? ctx.clock.now() : null,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  // The outbox tries again later, with growing pauses.
  if (!delivered)
    throw new Error(
      outcome.status === null ? (outcome.error ?? '') : `the endpoint answered ${outcome.status}`,
    );
};
