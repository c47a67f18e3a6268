import { z } from 'zod';
import { NOTICE_PARAMS } from '../../contract/notices.js';
import { NOTICE_NAMES } from '../../domain/notices/catalogue.js';
import { WEBHOOK_EVENTS } from '../../domain/webhooks/events.js';

/**
 * What the outbox delivers: one entry per delivery, one topic per channel, so that a channel that is
 * down (SMTP, Telegram) holds back its own entries only. Each payload has a schema, checked when the
 * entry is read: an entry a newer or older version wrote in another shape fails at once, by name,
 * instead of half-delivering.
 */
const recipient = z.object({ type: z.enum(['agent', 'contact']), id: z.uuid() });

export const notificationPayload = z
  .object({
    recipient,
    template: z.enum(NOTICE_NAMES),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    ticketId: z.uuid().nullable(),
  })
  // Each notice's parameters have their own schema (contract/notices.ts): a notice written in another
  // shape is set aside by name, not half-rendered.
  .superRefine((notice, context) => {
    const checked = NOTICE_PARAMS[notice.template].safeParse(notice.params);
    if (!checked.success)
      context.addIssue({ code: 'custom', path: ['params'], message: z.prettifyError(checked.error) });
  });

export const refusalPayload = z.object({
  address: z.string().min(3),
  reason: z.string().min(1),
  /** Values the reason's text needs (the size limit of a mail too large). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  subject: z.string(),
  /** The Message-ID of the refused mail, so the refusal threads under it. */
  inReplyTo: z.string().nullable(),
});

export const accountLinkPayload = z.object({
  recipient,
  kind: z.enum(['invitation', 'reset']),
  /**
   * The link's secret, which the desk keeps nowhere else in clear; taken out of the entry once the mail
   * is sent (the account link itself keeps only its digest).
   */
  token: z.string().min(20).optional(),
});

/**
 * An event of the desk's stream (app/events/stream.ts, catalogue in domain/events), as every
 * subscriber gets it: a webhook endpoint gets this body. Written only while something subscribes.
 */
export const webhookEventPayload = z.object({
  id: z.uuid(),
  type: z.enum(WEBHOOK_EVENTS),
  /** The payload's version (domain/events/catalogue.ts); entries written before versions were 1. */
  version: z.int().positive().default(1),
  occurredAt: z.iso.datetime({ offset: true }),
  actor: z
    .object({ type: z.enum(['agent', 'contact', 'system']), id: z.uuid().nullable(), name: z.string() })
    .nullable()
    .default(null),
  organizationId: z.uuid().nullable().default(null),
  ticket: z.record(z.string(), z.unknown()).nullable(),
  data: z.record(z.string(), z.unknown()),
});

/** One event's delivery to one endpoint, kept with its attempts in webhook_deliveries. */
export const webhookDeliveryPayload = z.object({ deliveryId: z.uuid() });

/** Stored files the desk may no longer keep (an erased contact's mail as received), by store key. */
export const fileRemovalPayload = z.object({ keys: z.array(z.string().min(1)).min(1).max(10_000) });

/** The notices held back from one support person in a burst, to go out together (mail/agentDigest.ts). */
export const agentDigestPayload = z.object({ agentId: z.uuid() });

export const OUTBOX_TOPICS = {
  /** A notification in the desk's own list (the console's bell, the portal). */
  'notice.inapp': notificationPayload,
  /** The same notification to a customer by mail. */
  'notice.mail': notificationPayload,
  /** The same notification pushed to a customer's Telegram chat. */
  'notice.telegram': notificationPayload,
  /** The once-a-day refusal to a sender the desk does not take mail from. */
  'mail.refusal': refusalPayload,
  /** An invitation or a password reset link, by mail. */
  'mail.account_link': accountLinkPayload,
  /** The notices a support person got too many of at once, in one mail. */
  'mail.agent_digest': agentDigestPayload,
  /** An event, to be fanned out to the endpoints that take it. */
  'webhook.event': webhookEventPayload,
  /** One event posted to one endpoint. */
  'webhook.delivery': webhookDeliveryPayload,
  /** Files taken out of the file store once the rows naming them are gone, retried until they are. */
  'storage.remove': fileRemovalPayload,
} as const;

export type OutboxTopic = keyof typeof OUTBOX_TOPICS;
export type TopicPayload<T extends OutboxTopic> = z.infer<(typeof OUTBOX_TOPICS)[T]>;
export type NotificationPayload = z.infer<typeof notificationPayload>;
export type RefusalPayload = z.infer<typeof refusalPayload>;
export type WebhookEventPayload = z.infer<typeof webhookEventPayload>;
export type Recipient = NotificationPayload['recipient'];

/** The channels the outbox delivers on, each with its own loop; a channel's topics are delivered together. */
export const OUTBOX_CHANNELS = {
  inapp: ['notice.inapp'],
  mail: ['notice.mail', 'mail.refusal', 'mail.account_link', 'mail.agent_digest'],
  telegram: ['notice.telegram'],
  webhooks: ['webhook.event', 'webhook.delivery'],
  storage: ['storage.remove'],
} as const satisfies Record<string, readonly OutboxTopic[]>;

export type OutboxChannel = keyof typeof OUTBOX_CHANNELS;

export const isOutboxTopic = (topic: string): topic is OutboxTopic => topic in OUTBOX_TOPICS;

/** An entry whose payload does not fit its topic's schema: a permanent failure, never retried. */
export class InvalidOutboxPayload extends Error {
  constructor(topic: string, issues: string) {
    super(`outbox entry of topic ${topic} does not fit its schema: ${issues}`);
    this.name = 'InvalidOutboxPayload';
  }
}

export function readPayload<T extends OutboxTopic>(topic: T, payload: unknown): TopicPayload<T> {
  const parsed = OUTBOX_TOPICS[topic].safeParse(payload);
  if (!parsed.success) throw new InvalidOutboxPayload(topic, z.prettifyError(parsed.error));
  return parsed.data as TopicPayload<T>;
}
