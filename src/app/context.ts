import type { Logger } from 'pino';
import { smtpSender } from '../channels/email/smtpSender.js';
import { telegramSender } from '../channels/telegram/sender.js';
import type { Config, MailSettings } from '../config.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../domain/calendar/clock.js';
import { AttachmentStore } from '../storage/attachmentStore.js';
import { type MailSender, storedMail } from './mail/mailer.js';
import { SlaDataCache } from './slaData.js';
import type { TelegramSender } from './telegram/sender.js';

/** What every use case is given: the database, the time, the calendar and policies in force, file storage, mail. */
export interface AppContext {
  db: Database;
  clock: Clock;
  sla: SlaDataCache;
  files: AttachmentStore;
  mail: { settings: MailSettings; sender: MailSender };
  /** The Telegram bot's voice; null when the desk has no bot. */
  telegram: TelegramSender | null;
}

export function createAppContext(
  db: Database,
  config: Pick<Config, 'dataDir' | 'attachmentMaxBytes' | 'calendar' | 'mail' | 'telegram'>,
  clock: Clock,
  logger?: Pick<Logger, 'warn'>,
): AppContext {
  return {
    db,
    clock,
    sla: new SlaDataCache(config.calendar, logger),
    files: new AttachmentStore(config.dataDir, config.attachmentMaxBytes),
    mail: {
      settings: config.mail,
      sender: config.mail.smtpUrl ? smtpSender(config.mail.smtpUrl) : storedMail,
    },
    telegram: config.telegram ? telegramSender(config.telegram) : null,
  };
}
