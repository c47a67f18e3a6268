/** A mail as the desk hands it to its outbound transport. */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  /** Marks for other robots: Auto-Submitted, X-Loop. */
  headers: Record<string, string>;
}

/**
 * The outbound port. With SMTP_URL the mail goes to that server; without it the desk keeps it, and the
 * console's mail log shows it (the embedded default sends nothing anywhere).
 */
export interface MailSender {
  readonly transport: 'smtp' | 'stored';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const storedMail: MailSender = {
  transport: 'stored',
  async send() {},
  close() {},
};
