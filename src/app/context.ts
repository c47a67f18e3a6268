import type { MailSettings } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/calendar/clock.js';
import type { FileStore } from './ports/fileStore.js';
import type { MailSender } from './ports/mailSender.js';
import type { SingleSignOnSettings } from './ports/singleSignOn.js';
import type { DirectorySettings } from './ports/staffDirectory.js';
import type { TelegramSender } from './ports/telegramSender.js';
import type { WebhookPoster } from './ports/webhookPoster.js';
import type { SlaDataCache } from './sla/slaData.js';

/**
 * What every use case is given (its ports), built by the composition root (src/wiring.ts): the
 * database, the time, the calendar and policies in force, file storage, mail, the bot's voice.
 */
export interface AppContext {
  db: Database;
  clock: Clock;
  sla: SlaDataCache;
  files: FileStore;
  mail: { settings: MailSettings; sender: MailSender };
  /** Documentation and release notes from Markdown to HTML that can do nothing (app/knowledge/markdown.ts). */
  markdown: (text: string) => string;
  /** Posts webhook deliveries to the vendor's systems, within the endpoint policy. */
  webhooks: WebhookPoster;
  /** The Telegram bot's voice; null when the desk has no bot. */
  telegram: TelegramSender | null;
  /** The bot's username, for the profile's link to it; null when the desk has no bot or was not told it. */
  telegramBotName: string | null;
  /** The company directory staff sign in with; null when they sign in with local passwords. */
  directory: DirectorySettings | null;
  /** The OpenID provider staff sign in with; null without single sign-on. */
  singleSignOn: SingleSignOnSettings | null;
}
