/**
 * The delivery log: every notification and message the desk sends goes through the outbox.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { instant } from './fields.js';

export const deliveryState = z.enum(['pending', 'delivered', 'failed']);

export const outboxEntrySchema = z
  .object({
    id: z.int(),
    topic: z.string(),
    payload: z.record(z.string(), z.unknown()),
    createdAt: instant,
    attempts: z.int(),
    state: deliveryState,
    deliveredAt: instant.nullable(),
    failedAt: instant.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'OutboxEntry' });
export type OutboxEntry = z.output<typeof outboxEntrySchema>;
