import { mailAccountLink } from '../mail/accountLinkMail.js';
import { mailAgentDigest } from '../mail/agentDigest.js';
import { removeStoredFiles } from '../mail/erasedMail.js';
import { mailNotification, mailRefusal } from '../mail/outbound.js';
import { deliverInAppNotifications } from '../notices/notifications.js';
import { pushNotification } from '../telegram/push.js';
import { fanOutWebhookEvent, postWebhookDelivery } from '../webhooks/webhookDelivery.js';
import type { OutboxHandlers } from './dispatch.js';

/**
 * One sender per outbox topic: the desk's own list, mail, the Telegram chat, the refusal to a stranger,
 * the vendor's systems by webhook.
 */
export const OUTBOX_HANDLERS: OutboxHandlers = {
  'notice.inapp': deliverInAppNotifications,
  'notice.mail': mailNotification,
  'notice.telegram': pushNotification,
  'mail.refusal': mailRefusal,
  'mail.account_link': mailAccountLink,
  'mail.agent_digest': mailAgentDigest,
  'webhook.event': fanOutWebhookEvent,
  'webhook.delivery': postWebhookDelivery,
  'storage.remove': removeStoredFiles,
};
