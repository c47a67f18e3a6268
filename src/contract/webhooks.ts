/** Outgoing webhooks: the endpoints administrators register, and their delivery log. */
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '../domain/webhooks/events.js';
import { id, instant } from './fields.js';

export { WEBHOOK_EVENTS };

const webhookEvent = z.enum(WEBHOOK_EVENTS).meta({ id: 'WebhookEvent' });

export const webhookInput = z
  .object({
    url: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .describe('HTTPS on a public address, unless the operator allowed the host in WEBHOOK_ALLOWED_HOSTS'),
    events: z
      .array(webhookEvent)
      .min(1)
      .max(WEBHOOK_EVENTS.length)
      .refine((events) => new Set(events).size === events.length, { error: 'validation.duplicates' }),
    description: z.string().trim().max(200).default(''),
  })
  .strict();
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookSchema = z
  .object({
    id,
    url: z.string(),
    events: z.array(webhookEvent),
    description: z.string(),
    createdAt: instant,
    /** The latest attempts, so that a list shows at once an endpoint that stopped taking them. */
    lastDelivery: z
      .object({
        state: z.enum(['pending', 'delivered', 'failed']),
        responseStatus: z.number().nullable(),
        at: instant,
      })
      .nullable(),
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.output<typeof webhookSchema>;

export const createdWebhookSchema = webhookSchema
  .extend({
    secret: z
      .string()
      .describe('Signs every delivery (X-Supportdesk-Signature); shown this once and never again'),
  })
  .meta({ id: 'CreatedWebhook' });
export type CreatedWebhook = z.output<typeof createdWebhookSchema>;

export const webhookDeliverySchema = z
  .object({
    id,
    eventId: id,
    eventType: webhookEvent,
    state: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable().describe("The endpoint's last answer; null when none came"),
    lastError: z.string().nullable(),
    createdAt: instant,
    lastAttemptAt: instant.nullable(),
    deliveredAt: instant.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.output<typeof webhookDeliverySchema>;

export const webhookDeliveriesQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
