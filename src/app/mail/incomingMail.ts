import type { HeaderLookup } from '../../domain/mail/automated.js';

/** A mail as any inbound channel hands it over: parsed, with its transport's facts. */
export interface IncomingMail {
  via: 'smtp' | 'imap';
  /** When the mail reached the vendor: the SMTP receipt or the mailbox's INTERNALDATE. */
  receivedAt: Date;
  raw: Buffer;
  messageId: string | null;
  from: string | null;
  /** How many senders From names: more than one cannot be verified, and is refused. */
  senderCount: number;
  subject: string;
  text: string;
  inReplyTo: string | null;
  references: string[];
  attachments: { fileName: string; data: Buffer }[];
  header: HeaderLookup;
  returnPath: string | null;
  /** pass, fail or none as mailauth judged the sender; off when the checks are off. */
  authentication: 'pass' | 'fail' | 'none' | 'off';
}

export type MailOutcome =
  | { outcome: 'ticket' | 'message'; ticketId: string }
  | { outcome: 'refused' | 'ignored'; reason: string }
  | { outcome: 'duplicate' }
  /** Stored, and its processing failed or runs elsewhere: a job takes it again until it has an outcome. */
  | { outcome: 'pending'; reason: string };
