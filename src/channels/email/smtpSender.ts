import nodemailer from 'nodemailer';
import type { MailSender } from '../../app/mail/mailer.js';

/** How many connections the pool keeps open to the SMTP server: the mail loop sends this many at once. */
export const SMTP_POOL_CONNECTIONS = 16;

/**
 * Outbound mail through the SMTP server of SMTP_URL, over a pool of kept-open connections. A failure
 * throws: the outbox keeps the entry and tries again later. A server that accepts the connection and
 * then says nothing is given up after the greeting timeout, so it holds up only the mail loop, briefly.
 * The order of a ticket's mails is kept by the outbox, which sends the next only after the one before.
 */
export function smtpSender(url: string): MailSender {
  const server = new URL(url);
  const secure = server.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: server.hostname,
    port: Number(server.port) || (secure ? 465 : 25),
    secure,
    ...(server.username
      ? { auth: { user: decodeURIComponent(server.username), pass: decodeURIComponent(server.password) } }
      : {}),
    pool: true,
    maxConnections: SMTP_POOL_CONNECTIONS,
    maxMessages: 1_000,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    transport: 'smtp',
    async send(mail) {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references,
        headers: mail.headers,
      });
    },
    close: () => transport.close(),
  };
}
