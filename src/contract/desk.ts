/**
 * The desk's own settings the screens need, and a contact's Telegram binding.
 * Shared by the server's routes and use cases and by the web.
 */
import { z } from 'zod';
import { instant } from './fields.js';

export const deskSettingsSchema = z
  .object({ documentationUrl: z.string().nullable() })
  .meta({ id: 'DeskSettings' });
export type DeskSettings = z.output<typeof deskSettingsSchema>;

export const telegramBindingSchema = z
  .object({
    linked: z.boolean(),
    linkedAt: instant.nullable(),
    botName: z
      .string()
      .nullable()
      .describe("The support bot's username; null when the desk has none to name"),
  })
  .meta({ id: 'TelegramBinding' });

export const telegramLinkSchema = z
  .object({
    botName: z.string(),
    url: z
      .url()
      .describe('https://t.me/<bot>?start=<one-time code>: opening it and sharing the phone binds the chat'),
    expiresAt: instant,
  })
  .meta({ id: 'TelegramLink' });
export type TelegramLink = z.output<typeof telegramLinkSchema>;
export type TelegramBinding = z.output<typeof telegramBindingSchema>;
