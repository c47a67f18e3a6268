import { simpleParser } from 'mailparser';
import type { IncomingMail } from '../../app/mail/incomingMail.js';
import { stripControlCharacters } from '../../domain/controlCharacters.js';
import { mailStructureProblem } from '../../domain/mail/structure.js';

/** A mail the desk will never be able to read, whatever the sender tries: refused for good, with the reason. */
export class MalformedMail extends Error {
  constructor(readonly detail: string) {
    super(`the mail cannot be read: ${detail}`);
    this.name = 'MalformedMail';
  }
}

/**
 * A raw mail as the pipeline reads it. mailparser decodes the MIME parts and charsets; an HTML-only mail
 * becomes its text, which is all the desk ever shows (no HTML of a sender is rendered anywhere).
 */
export async function parseMail(
  raw: Buffer,
  transport: Pick<IncomingMail, 'via' | 'receivedAt' | 'authentication'>,
): Promise<IncomingMail> {
  const structure = mailStructureProblem(raw);
  if (structure)
    throw new MalformedMail(
      structure.problem === 'too_deep'
        ? `multipart nesting ${structure.depth} levels deep`
        : `more than ${structure.parts - 1} MIME parts`,
    );
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipHtmlToText: false });
  } catch (error) {
    throw new MalformedMail(error instanceof Error ? error.message.slice(0, 200) : 'unparseable');
  }
  const header = (name: string) => {
    const line = parsed.headerLines.find((candidate) => candidate.key === name)?.line;
    return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
  };
  // A group or a list in From names several senders: none of them can be taken as the one who wrote.
  const senders = (parsed.from?.value ?? []).flatMap((address) =>
    address.group ? address.group : [address],
  );
  const from = senders[0]?.address ?? null;
  const references = parsed.references ?? [];
  return {
    ...transport,
    raw,
    messageId: parsed.messageId ?? null,
    from: from ? from.toLowerCase() : null,
    senderCount: senders.length,
    subject: stripControlCharacters(parsed.subject ?? ''),
    text: stripControlCharacters(parsed.text ?? ''),
    inReplyTo: parsed.inReplyTo ?? null,
    references: Array.isArray(references) ? references : [references],
    attachments: parsed.attachments
      .filter((attachment) => attachment.contentDisposition !== 'inline' || attachment.filename)
      .map((attachment) => ({
        fileName: stripControlCharacters(attachment.filename ?? '') || 'attachment',
        data: attachment.content,
      })),
    header,
    returnPath: header('return-path') ?? null,
  };
}
