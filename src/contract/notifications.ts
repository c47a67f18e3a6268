/**
 * A person's notifications: the bell's list and count, marking them read, and which notices a support
 * person gets by mail too. Shared by the server's routes and by the web.
 */
import { z } from 'zod';
import { AGENT_MAIL_CHOICES, type AgentMailChoice } from '../domain/notices/agentMail.js';
import { id, instant } from './fields.js';

export const notificationSchema = z
  .object({
    id,
    ticketId: id.nullable(),
    template: z.string(),
    text: z.string().describe("The notice in the reader's language"),
    createdAt: instant,
    readAt: instant.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.output<typeof notificationSchema>;

export const notificationsReadInput = z.union([
  z.object({ ids: z.array(id).min(1).max(500) }).strict(),
  z.object({ ticketId: id }).strict().describe('Every notice of one request: its page was opened'),
  z.object({ all: z.literal(true) }).strict(),
]);
export type NotificationsReadInput = z.infer<typeof notificationsReadInput>;

const mailChoices = z.object(
  Object.fromEntries(AGENT_MAIL_CHOICES.map((choice) => [choice, z.boolean()])) as Record<
    AgentMailChoice,
    z.ZodBoolean
  >,
);

export const notificationSettingsSchema = z
  .object({
    mail: mailChoices.describe(
      "Which notices come by mail as well as in the console: a customer's reply on a request assigned to you, an assignment, an SLA warning, an SLA breach, a new request in the queue",
    ),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.output<typeof notificationSettingsSchema>;

export const notificationSettingsInput = z.object({ mail: mailChoices.partial().strict() });
export type NotificationSettingsInput = z.infer<typeof notificationSettingsInput>;
