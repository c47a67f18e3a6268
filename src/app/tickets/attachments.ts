import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { attachments, ticketMessages } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { recordedOrRemoved } from '../ports/fileStore.js';
import type { Actor } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { visibleTicket } from './access.js';

/** Types a browser would render or run if served inline; they are always sent as plain bytes. */
const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
]);

/** What the bytes are, by their content rather than by what the sender claimed. */
async function sniff(data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return ACTIVE_TYPES.has(detected.mime) ? 'application/octet-stream' : detected.mime;
  const sample = data.subarray(0, 8192);
  if (sample.includes(0)) return 'application/octet-stream';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  return /<(html|script|svg|body|iframe)\b/i.test(text)
    ? 'application/octet-stream'
    : 'text/plain; charset=utf-8';
}

function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\\/\p{Cc}]/gu, '_')
    .trim()
    .slice(0, 255);
  return cleaned || 'file';
}

/** Stores an uploaded file; it waits, visible to its uploader only, until a message takes it. */
export async function uploadAttachment(
  ctx: AppContext,
  actor: Actor,
  file: { fileName: string; data: Buffer },
) {
  if (file.data.length === 0) throw new AppError('invalid', 'attachment_empty', 'file');
  if (file.data.length > ctx.files.maxBytes) {
    throw new AppError('invalid', 'attachment_too_large', 'file', {
      maxMegabytes: Math.floor(ctx.files.maxBytes / 1_048_576),
    });
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  const contentType = await sniff(file.data);
  const storagePath = await ctx.files.save(id, now, file.data);
  return recordedOrRemoved(ctx.files, storagePath, async () => {
    const [row] = await ctx.db
      .insert(attachments)
      .values({
        id,
        uploaderType: actor.type,
        uploaderId: actor.type === 'system' ? null : actor.id,
        fileName: safeFileName(file.fileName),
        contentType,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        storagePath,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    return {
      id: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
      sha256: row.sha256,
    };
  });
}

/**
 * An attachment the actor may download: their own upload, or one on a message they can see (a
 * contact never gets the files of internal notes, nor another organization's).
 */
export async function openAttachment(ctx: AppContext, actor: Actor, attachmentId: string) {
  const [row] = await ctx.db.select().from(attachments).where(eq(attachments.id, attachmentId));
  if (!row) throw notFound();
  const ownUpload = row.uploaderType === actor.type && actor.type !== 'system' && row.uploaderId === actor.id;
  if (!ownUpload) {
    if (!row.ticketId || !row.messageId) throw notFound();
    await visibleTicket(ctx.db, actor, row.ticketId);
    if (actor.type === 'contact') {
      const [message] = await ctx.db
        .select({ id: ticketMessages.id })
        .from(ticketMessages)
        .where(and(eq(ticketMessages.id, row.messageId), eq(ticketMessages.visibility, 'public')));
      if (!message) throw notFound();
    }
  }
  return {
    attachment: row,
    open: () => ctx.files.open(row.storagePath),
    link: () =>
      ctx.files.downloadLink(row.storagePath, { fileName: row.fileName, contentType: row.contentType }),
  };
}

/**
 * A file the desk takes in by itself (a message's file brought over from another desk): checked and
 * stored as an upload is, and answered as the row to write beside its message.
 */
export async function storeTakenFile(
  ctx: AppContext,
  file: { fileName: string; data: Buffer; ticketId: string; messageId: string; createdAt: Date },
): Promise<typeof attachments.$inferInsert> {
  const id = randomUUID();
  const storagePath = await ctx.files.save(id, file.createdAt, file.data);
  return {
    id,
    uploaderType: 'system',
    uploaderId: null,
    ticketId: file.ticketId,
    messageId: file.messageId,
    fileName: safeFileName(file.fileName),
    contentType: await sniff(file.data),
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    storagePath,
    createdAt: file.createdAt,
  };
}
