import { mailNotification, mailRefusal } from './mail/outbound.js';
import { deliverInAppNotification, type OutboxHandler } from './outbox.js';
import { pushNotification } from './telegram/telegram.js';

/**
 * What the outbox delivers, by topic: a notification inside the desk and, to a customer, by mail and to
 * their Telegram chat as well; a refusal to a stranger by mail.
 */
export const OUTBOX_HANDLERS: Record<string, OutboxHandler> = {
  notify: async (ctx, entry) => {
    await deliverInAppNotification(ctx, entry);
    await mailNotification(ctx, entry);
    await pushNotification(ctx, entry);
  },
  mail_refusal: mailRefusal,
};
