import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import type { AppContext } from '../../app/context.js';
import { receiveMail, refuseMalformedMail, refuseOversizedMail } from '../../app/mail/inbound.js';
import type { IncomingMail } from '../../app/mail/incomingMail.js';
import { type DnsResolver, senderVerdict } from './authenticate.js';
import { MalformedMail, parseMail } from './parseMail.js';

export interface MailPoller {
  /** Whether the poller holds its mailbox now (for the metrics). */
  connected(): boolean;
  stop(): Promise<void>;
}

export interface PollerOptions {
  url: string;
  /** A mailbox to move processed mail into; without one, processed mail is marked \Seen. */
  processedMailbox: string | null;
  resolver?: DnsResolver;
  /** How long to wait before connecting again after the server went away. */
  retryMs?: number;
}

/**
 * Reads a support mailbox over IMAP: every unseen message goes through the same pipeline as SMTP mail,
 * with the mailbox's INTERNALDATE as its registration time, and is then marked \Seen or moved. It waits
 * with IDLE where the server offers it (imapflow falls back to polling with NOOP), and reconnects after
 * a lost connection. A message is flagged only after the desk has committed it, so nothing is lost; a
 * message seen twice after a crash is recognised by its Message-ID.
 */
export function startImapPoller(
  ctx: AppContext,
  logger: Pick<Logger, 'info' | 'warn' | 'error'>,
  options: PollerOptions,
): MailPoller {
  const url = new URL(options.url);
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  let stopped = false;
  let client: ImapFlow | null = null;
  let running: Promise<void> = Promise.resolve();

  const connect = async (): Promise<ImapFlow> => {
    const next = new ImapFlow({
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'imaps:' ? 993 : 143),
      secure: url.protocol === 'imaps:',
      auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
      logger: false,
      maxIdleTime: 5 * 60_000,
      // A server that accepts the connection and then says nothing must not hold the poller forever.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 10 * 60_000,
      // A plain imap:// URL means a server on a trusted network (as in tests): no STARTTLS upgrade.
      doSTARTTLS: url.protocol === 'imaps:' ? undefined : false,
    });
    next.on('error', (error: Error) => logger.warn({ err: error }, 'IMAP connection error'));
    // New mail announced while idling: any command ends the IDLE, and the loop reads the mailbox again.
    next.on('exists', () => {
      next.noop().catch(() => undefined);
    });
    await next.connect();
    await next.mailboxOpen(mailbox);
    return next;
  };

  /** One pass over the unseen mail: on start, after a reconnect and at every IDLE wake-up. */
  const poll = async (): Promise<void> => {
    if (!client?.usable) client = await connect();
    const current = client;
    const unseen = (await current.search({ seen: false }, { uid: true })) || [];
    for (const uid of unseen) {
      const head = await current.fetchOne(
        String(uid),
        { size: true, envelope: true, internalDate: true },
        { uid: true },
      );
      if (head === false) continue;
      const receivedAt = head.internalDate ? new Date(head.internalDate) : ctx.clock.now();
      if ((head.size ?? 0) > ctx.mail.settings.maxBytes) {
        const outcome = await refuseOversizedMail(ctx, {
          via: 'imap',
          receivedAt,
          messageId: head.envelope?.messageId ?? null,
          from: head.envelope?.from?.[0]?.address ?? null,
          subject: head.envelope?.subject ?? '',
          size: head.size ?? 0,
        });
        logger.warn({ size: head.size, ...outcome }, 'mail in the mailbox is too large; its sender is told');
        await done(current, uid);
        continue;
      }
      const message = await current.fetchOne(String(uid), { source: true }, { uid: true });
      if (message === false || !message.source) continue;
      let parsed: IncomingMail;
      try {
        parsed = await parseMail(message.source, { via: 'imap', receivedAt, authentication: 'off' });
      } catch (error) {
        if (!(error instanceof MalformedMail)) throw error;
        await refuseMalformedMail(ctx, {
          via: 'imap',
          receivedAt,
          raw: message.source,
          detail: error.detail,
          sender: head.envelope?.from?.[0]?.address ?? null,
        });
        logger.warn({ detail: error.detail }, 'mail in the mailbox cannot be read; kept in the log');
        await done(current, uid);
        continue;
      }
      const authentication =
        ctx.mail.settings.authentication === 'off'
          ? 'off'
          : await senderVerdict(
              message.source,
              parsed.from,
              { sender: parsed.returnPath?.replace(/[<>]/g, '') },
              options.resolver,
            );
      const outcome = await receiveMail(ctx, { ...parsed, authentication });
      logger.info(
        { from: parsed.from, messageId: parsed.messageId, ...outcome },
        'mail read from the mailbox',
      );
      await done(current, uid);
    }
  };

  /** A processed message leaves the unseen set: moved, or marked seen. */
  const done = async (current: ImapFlow, uid: number) => {
    if (options.processedMailbox)
      await current.messageMove(String(uid), options.processedMailbox, { uid: true });
    else await current.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  };

  const loop = async () => {
    while (!stopped) {
      try {
        await poll();
        if (!stopped && client) await client.idle();
      } catch (error) {
        if (stopped) break;
        logger.warn({ err: error }, 'IMAP poller lost its mailbox; connecting again shortly');
        await client?.logout().catch(() => undefined);
        client = null;
        await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 10_000));
      }
    }
  };
  running = loop();

  return {
    connected: () => Boolean(client?.usable),
    async stop() {
      stopped = true;
      await client?.logout().catch(() => undefined);
      client?.close();
      await running;
    },
  };
}
