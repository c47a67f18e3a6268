import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../app/context.js';
import { receiveMail, refuseMalformedMail } from '../../app/mail/inbound.js';
import { type DnsResolver, senderVerdict } from './authenticate.js';
import { MalformedMail, parseMail } from './parseMail.js';

export interface MailListener {
  port: number;
  close(): Promise<void>;
}

export interface ListenerOptions {
  host: string;
  port: number;
  /** DNS for the sender checks; the system resolver unless a test gives its own. */
  resolver?: DnsResolver;
}

/** An SMTP reply with its code: smtp-server sends the message to the client as written. */
function reply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The desk's own SMTP listener: it takes mail for the support addresses only (others are refused at
 * RCPT), reads it whole within MAIL_MAX_MB, and hands it to the one inbound pipeline. The receipt time
 * is the registration time. 250 means the mail is stored: what happens to it next is the desk's to
 * finish. A failure before it is stored answers 451, so the sending server tries again; a mail that
 * can never be read answers 554 with the reason, so it does not retry for days. Nothing a sender
 * does can stop the listener.
 */
export async function startSmtpListener(
  ctx: AppContext,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  options: ListenerOptions,
): Promise<MailListener> {
  const { settings } = ctx.mail;
  const maxMegabytes = Math.floor(settings.maxBytes / 1_048_576);
  const server = new SMTPServer({
    banner: 'Supportdesk',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: settings.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (settings.supportAddresses.includes(address.address.toLowerCase())) return callback();
      callback(reply(550, `5.1.1 <${address.address}>: this server takes mail for the support desk only`));
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          logger.warn(
            { from: envelopeSender(session), limitMegabytes: maxMegabytes },
            'mail refused: too large',
          );
          return callback(reply(552, `5.3.4 Message too large: the limit is ${maxMegabytes} MB`));
        }
        const receivedAt = ctx.clock.now();
        accept(Buffer.concat(chunks), session, receivedAt).then(
          () => callback(),
          (error) => {
            if (error instanceof MalformedMail) {
              logger.warn(
                { from: envelopeSender(session), detail: error.detail },
                'mail refused: unreadable',
              );
              return callback(
                reply(554, `5.6.0 This message cannot be read (${error.detail}); it was not taken`),
              );
            }
            logger.error(
              { err: error, from: envelopeSender(session) },
              'mail not taken; the sender will retry',
            );
            callback(reply(451, '4.3.0 The support desk could not take this message now; try again later'));
          },
        );
      });
    },
  });

  const accept = async (raw: Buffer, session: SMTPServerSession, receivedAt: Date) => {
    const transmission = {
      ip: session.remoteAddress,
      helo: session.hostNameAppearsAs,
      sender: envelopeSender(session) ?? undefined,
    };
    const first = await parseMail(raw, { via: 'smtp', receivedAt, authentication: 'off' }).catch(
      async (error: unknown) => {
        if (error instanceof MalformedMail)
          await refuseMalformedMail(ctx, {
            via: 'smtp',
            receivedAt,
            raw,
            detail: error.detail,
            sender: transmission.sender ?? null,
          });
        throw error;
      },
    );
    const authentication =
      settings.authentication === 'off'
        ? 'off'
        : await senderVerdict(raw, first.from, transmission, options.resolver);
    // At SMTP time the envelope is the return path: a null sender (MAIL FROM:<>) is a bounce.
    const outcome = await receiveMail(ctx, {
      ...first,
      authentication,
      returnPath: `<${transmission.sender ?? ''}>`,
    });
    logger.info({ from: first.from, messageId: first.messageId, ...outcome }, 'mail received');
  };

  server.on('error', (error) => logger.error({ err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  logger.info({ port }, 'SMTP listener ready');
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function envelopeSender(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  return from ? from.address : null;
}
