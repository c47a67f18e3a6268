import type { Logger } from 'pino';
import type { AppContext } from './app/context.js';
import { markdownRenderer } from './app/knowledge/markdown.js';
import { storedMail } from './app/ports/mailSender.js';
import { SlaDataCache } from './app/sla/slaData.js';
import { ldapDirectory } from './channels/directory/ldapDirectory.js';
import { openIdProvider } from './channels/directory/openIdProvider.js';
import { smtpSender } from './channels/email/smtpSender.js';
import { telegramSender } from './channels/telegram/sender.js';
import { httpWebhookPoster } from './channels/webhooks/httpPoster.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Clock } from './domain/calendar/clock.js';
import { FileSystemStore } from './storage/fileSystemStore.js';
import { S3FileStore } from './storage/s3Store.js';

/**
 * The composition root: builds the adapters the configuration asks for (file storage on the file
 * system or in an S3 bucket, the SMTP
 * relay or the stored-mail fallback, the Telegram sender, the webhook poster) and hands them to the use cases as ports.
 */
export function createAppContext(
  db: Database,
  config: Pick<
    Config,
    | 'dataDir'
    | 'attachmentMaxBytes'
    | 'markdownImageHosts'
    | 'webhookAllowedHosts'
    | 'calendar'
    | 'mail'
    | 'telegram'
    | 's3'
    | 'ldap'
    | 'oidc'
  >,
  clock: Clock,
  logger?: Pick<Logger, 'warn'>,
): AppContext {
  return {
    db,
    clock,
    sla: new SlaDataCache(config.calendar, logger),
    files: config.s3
      ? new S3FileStore(config.s3, config.attachmentMaxBytes, clock)
      : new FileSystemStore(config.dataDir, config.attachmentMaxBytes),
    mail: {
      settings: config.mail,
      sender: config.mail.smtpUrl ? smtpSender(config.mail.smtpUrl) : storedMail,
    },
    telegram: config.telegram ? telegramSender(config.telegram) : null,
    telegramBotName: config.telegram?.botName ?? null,
    markdown: markdownRenderer(config.markdownImageHosts),
    webhooks: httpWebhookPoster(config.webhookAllowedHosts),
    directory: config.ldap
      ? {
          directory: ldapDirectory(config.ldap),
          roleGroups: config.ldap.roleGroups,
          syncIntervalMs: config.ldap.syncIntervalMs,
        }
      : null,
    singleSignOn: config.oidc
      ? { provider: openIdProvider(config.oidc), roleGroups: config.oidc.roleGroups, name: config.oidc.name }
      : null,
  };
}
