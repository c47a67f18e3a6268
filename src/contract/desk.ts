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
  .object({ linked: z.boolean(), linkedAt: instant.nullable() })
  .meta({ id: 'TelegramBinding' });
export type TelegramBinding = z.output<typeof telegramBindingSchema>;
