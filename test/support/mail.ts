import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dkimSign } from 'mailauth';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SMTPServer } from 'smtp-server';
import type { DnsResolver } from '../../src/channels/email/authenticate.js';

export const SUPPORT = 'support@supportdesk.example';

export interface Letter {
  from: string;
  subject: string;
  text: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { filename: string; content: Buffer }[];
  envelopeFrom?: string;
  to?: string;
}

/** A mail as a mail client would write it. */
export async function compose(letter: Letter): Promise<Buffer> {
  return new MailComposer({
    from: letter.from,
    to: letter.to ?? SUPPORT,
    subject: letter.subject,
    text: letter.text,
    messageId: letter.messageId,
    inReplyTo: letter.inReplyTo,
    references: letter.references,
    headers: letter.headers,
    attachments: letter.attachments,
  })
    .compile()
    .build();
}

/** Sends raw mail to the desk's SMTP listener with nodemailer, as any mail server would. */
export async function sendRaw(port: number, raw: Buffer, envelope: { from: string; to: string[] }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

export async function send(port: number, letter: Letter) {
  return sendRaw(port, await compose(letter), {
    from: letter.envelopeFrom ?? letter.from,
    to: [letter.to ?? SUPPORT],
  });
}

/** A domain's DKIM key pair and the DNS that publishes it, with a DMARC policy of reject. */
export function dkimDomain(domain: string, selector = 'mail') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const records: Record<string, string[][]> = {
    [`${selector}._domainkey.${domain}`]: [[`v=DKIM1; k=rsa; p=${publicBase64}`]],
    [`_dmarc.${domain}`]: [['v=DMARC1; p=reject; adkim=r; aspf=r']],
  };
  const resolver: DnsResolver = async (name, type) => {
    const found = type === 'TXT' ? records[name.toLowerCase()] : undefined;
    if (found) return found;
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };
  return {
    resolver,
    async sign(raw: Buffer): Promise<Buffer> {
      const signature = {
        signingDomain: domain,
        selector,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      };
      // mailauth reads the keys from signatureData, which its type declarations do not list.
      const signed = await dkimSign(raw, { ...signature, signatureData: [signature] } as Parameters<
        typeof dkimSign
      >[1]);
      if (signed.errors.length) throw signed.errors[0];
      if (!signed.signatures) throw new Error('mailauth made no DKIM signature');
      return Buffer.concat([Buffer.from(signed.signatures), raw]);
    },
  };
}

/** A mail server standing in for the vendor's outbound relay: it keeps what it receives, and can go down. */
export class SmtpSink {
  readonly received: ParsedMail[] = [];
  /** When each mail of `received` was accepted (milliseconds since the epoch), index for index. */
  readonly acceptedAt: number[] = [];
  readonly connectionErrors: Error[] = [];
  private server: SMTPServer | null = null;
  /** How long the answers to the ends of the next mails' data are held back, one entry per mail. */
  private readonly stalls: number[] = [];
  port = 0;

  /** Takes the next `count` mails in and answers each only after `ms`, as a relay busy writing them. */
  stallAnswers(ms: number, count = 1): void {
    for (let n = 0; n < count; n += 1) this.stalls.push(ms);
  }

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.received.push(mail);
            this.acceptedAt.push(Date.now());
            setTimeout(callback, this.stalls.shift() ?? 0);
          },
          (error) => callback(error),
        );
      },
    });
    // A sender that dies mid-session (a desk killed while it sends) resets its connection; a relay
    // notes it and serves the others.
    server.on('error', (error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
