import nodemailer from 'nodemailer';
import type { MailSender } from '../../app/ports/mailSender.js';

/** How many connections the pool keeps open to the SMTP server: the mail loop sends this many at once. */
export const SMTP_POOL_CONNECTIONS = 16;

/**
 * How long a sent command may wait for the server's answer. RFC 5321 (4.5.3.2) asks a client to wait
 * up to 10 minutes for the answer to the end of the data, because a server may be busy taking the mail
 * in; giving up sooner and sending again is how a recipient gets the same mail twice. The other
 * commands' minimums are shorter (2 to 5 minutes), and one wait covers them all. A stalled connection
 * holds up only the worker using it: the pool's other connections carry on.
 */
export const SMTP_ANSWER_WAIT_MS = 10 * 60_000;

/**
 * Outbound mail through the SMTP server of SMTP_URL, over a pool of kept-open connections. A failure
 * throws: the outbox keeps the entry and tries again later. A server that does not accept the
 * connection, or accepts it and says nothing, is given up after 10 s, so a dead relay holds up the mail
 * loop only briefly; once talking, the server gets the RFC's time to answer.
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
    socketTimeout: SMTP_ANSWER_WAIT_MS,
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
