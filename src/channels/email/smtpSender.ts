import nodemailer from 'nodemailer';
import type { MailSender } from '../../app/mail/mailer.js';

/**
 * Outbound mail through the SMTP server of SMTP_URL. A failure throws: the outbox keeps the entry and
 * tries again later, with a growing pause. One connection at a time is enough for the desk's volume
 * and keeps the order of a ticket's mails.
 */
export function smtpSender(url: string): MailSender {
  const transport = nodemailer.createTransport(url, { disableFileAccess: true, disableUrlAccess: true });
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
