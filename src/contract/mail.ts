/**
 * The mail log: what the desk sent and what it received, with the sender check and the outcome.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { id, instant } from './fields.js';

export const sentMailSchema = z
  .object({
    id,
    ticketId: id.nullable(),
    recipient: z.string(),
    subject: z.string(),
    text: z.string(),
    messageId: z.string(),
    transport: z.string(),
    createdAt: instant,
    sentAt: instant.nullable(),
    sendAttempts: z
      .int()
      .describe('times handed to the mail server; above 1, the recipient may hold a copy per attempt'),
  })
  .meta({ id: 'SentMail' });
export type SentMail = z.output<typeof sentMailSchema>;

export const receivedMailSchema = z
  .object({
    id,
    messageId: z.string(),
    receivedAt: instant,
    via: z.string(),
    sender: z.string().nullable(),
    subject: z.string().nullable(),
    authentication: z.string(),
    outcome: z.string(),
    reason: z.string().nullable(),
    ticketId: id.nullable(),
  })
  .meta({ id: 'ReceivedMail' });
export type ReceivedMail = z.output<typeof receivedMailSchema>;
