/**
 * Every notice the desk sends to a person, with its audience and the channels it goes by. A notice a
 * use case names that is not here fails the typecheck (its name is a `NoticeName`); one without its
 * texts in Russian and English fails `test/catalogs.test.ts`.
 */

/** How a customer is told: the desk's own list (the portal's bell), mail, and their Telegram chat. */
export type NoticeChannel = 'inapp' | 'mail' | 'telegram';

interface NoticeDefinition {
  /** Who it is for: the request's contact, support people, or either (each told in their own way). */
  audience: readonly ('contact' | 'support')[];
  /**
   * The channels it goes by to a contact. Support people get it in the bell, and by mail as each chose
   * (domain/notices/agentMail.ts).
   */
  contactChannels: readonly NoticeChannel[];
}

const EVERY_CHANNEL = ['inapp', 'mail', 'telegram'] as const;
const TO_CONTACT = { audience: ['contact'], contactChannels: EVERY_CHANNEL } as const;
const TO_SUPPORT = { audience: ['support'], contactChannels: [] } as const;

export const NOTICES = {
  // The channel the customer used answers it itself: the bot says the number, so no push.
  ticket_acknowledged: { audience: ['contact'], contactChannels: ['inapp', 'mail'] },
  // Refused where it was sent (the portal's answer, the mail's own refusal, the bot's reply): kept in the bell.
  ticket_refused: { audience: ['contact'], contactChannels: ['inapp'] },
  ticket_reply: TO_CONTACT,
  info_requested: TO_CONTACT,
  ticket_resolved: TO_CONTACT,
  ticket_closed: { audience: ['contact', 'support'], contactChannels: EVERY_CHANNEL },
  ticket_auto_closed: TO_CONTACT,
  ticket_split: TO_CONTACT,
  ticket_merged: TO_CONTACT,
  ticket_out_of_scope: TO_CONTACT,
  severity_changed: TO_CONTACT,
  instance_changed: TO_CONTACT,
  remote_session: TO_CONTACT,
  inactivity_reminder: TO_CONTACT,
  satisfaction_request: TO_CONTACT,
  certificate_expiring: TO_CONTACT,
  policy_published: TO_CONTACT,
  second_factor_locked: { audience: ['contact', 'support'], contactChannels: EVERY_CHANNEL },
  ticket_created: TO_SUPPORT,
  customer_message: TO_SUPPORT,
  ticket_assigned: TO_SUPPORT,
  ticket_reopened: TO_SUPPORT,
  sla_warning: TO_SUPPORT,
  sla_breach: TO_SUPPORT,
  follow_up_warning: TO_SUPPORT,
  follow_up_breach: TO_SUPPORT,
  certificate_expiring_vendor: TO_SUPPORT,
} as const satisfies Record<string, NoticeDefinition>;

export type NoticeName = keyof typeof NOTICES;
export const NOTICE_NAMES = Object.keys(NOTICES) as NoticeName[];

export const goesBy = (notice: NoticeName, channel: NoticeChannel): boolean =>
  (NOTICES[notice].contactChannels as readonly NoticeChannel[]).includes(channel);
