import { simpleParser } from 'mailparser';
import type { IncomingMail } from '../../app/mail/inbound.js';

/**
 * A raw mail as the pipeline reads it. mailparser decodes the MIME parts and charsets; an HTML-only mail
 * becomes its text, which is all the desk ever shows (no HTML of a sender is rendered anywhere).
 */
export async function parseMail(
  raw: Buffer,
  transport: Pick<IncomingMail, 'via' | 'receivedAt' | 'authentication'>,
): Promise<IncomingMail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false });
  const header = (name: string) => {
    const line = parsed.headerLines.find((candidate) => candidate.key === name)?.line;
    return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
  };
  const from = parsed.from?.value[0]?.address ?? null;
  const references = parsed.references ?? [];
  return {
    ...transport,
    raw,
    messageId: parsed.messageId ?? null,
    from: from ? from.toLowerCase() : null,
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    inReplyTo: parsed.inReplyTo ?? null,
    references: Array.isArray(references) ? references : [references],
    attachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition !== 'inline' || attachment.filename)
      .map((attachment) => ({ fileName: attachment.filename ?? 'attachment', data: attachment.content })),
    header,
    returnPath: header('return-path') ?? null,
  };
}
