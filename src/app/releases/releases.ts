import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { ReleaseInput } from '../../contract/releases.js';
import { products, releaseDownloads, releaseFiles, releases } from '../../db/schema.js';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../context.js';
import { supportRefusals } from '../customers/coverage.js';
import { type ByteRange, recordedOrRemoved } from '../ports/fileStore.js';
import { type Actor, actorLabel, requireAdmin } from '../shared/actor.js';
import { AppError, notFound } from '../shared/errors.js';
import { guardUnique } from '../shared/uniqueness.js';

export async function createRelease(ctx: AppContext, actor: Actor, input: ReleaseInput) {
  requireAdmin(actor);
  const [product] = await ctx.db
    .select({ id: products.id })
    .from(products)
    .where(eq(products.id, input.productId));
  if (!product) throw new AppError('invalid', 'product_unknown', 'productId', { value: input.productId });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await guardUnique(
      () =>
        tx
          .insert(releases)
          .values({ ...input, createdAt: now })
          .returning(),
      { releases_product_version_unique: { code: 'release_exists', field: 'version', value: input.version } },
    );
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, now, {
      entity: 'release',
      entityId: row.id,
      action: 'create',
      organizationId: null,
      before: null,
      after: { productId: row.productId, version: row.version, releasedOn: row.releasedOn },
    });
    return { ...row, createdAt: row.createdAt.toISOString(), files: [] };
  });
}

/** Adds a file to a release, streamed to the store and hashed on the way, within `maxBytes`. */
export async function addReleaseFile(
  ctx: AppContext,
  actor: Actor,
  releaseId: string,
  file: { fileName: string; stream: Readable & { truncated?: boolean } },
  maxBytes: number,
) {
  requireAdmin(actor);
  const [release] = await ctx.db.select({ id: releases.id }).from(releases).where(eq(releases.id, releaseId));
  if (!release) {
    file.stream.resume();
    throw notFound();
  }
  const id = randomUUID();
  const now = ctx.clock.now();
  const stored = await ctx.files.saveStream(id, now, file.stream);
  if (stored.truncated) {
    throw new AppError('invalid', 'attachment_too_large', 'file', {
      maxMegabytes: Math.floor(maxBytes / 1_048_576),
    });
  }
  if (stored.size === 0) {
    await ctx.files.remove(stored.key);
    throw new AppError('invalid', 'attachment_empty', 'file');
  }
  const [row] = await recordedOrRemoved(ctx.files, stored.key, () =>
    ctx.db
      .insert(releaseFiles)
      .values({
        id,
        releaseId,
        fileName: file.fileName.replace(/[\\/\p{Cc}]/gu, '_').slice(0, 255) || 'file',
        size: stored.size,
        sha256: stored.sha256,
        storagePath: stored.key,
        createdAt: now,
      })
      .returning(),
  );
  if (!row) throw new Error('insert returned no row');
  return fileView(row);
}

const fileView = (row: typeof releaseFiles.$inferSelect) => ({
  id: row.id,
  fileName: row.fileName,
  size: row.size,
  sha256: row.sha256,
});

/** Releases newest first; a contact sees for each whether they may take it now, and if not, why. */
export async function listReleases(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .select({ release: releases, product: products })
    .from(releases)
    .innerJoin(products, eq(products.id, releases.productId))
    .orderBy(desc(releases.releasedOn), asc(products.code));
  const files = await ctx.db.select().from(releaseFiles).orderBy(asc(releaseFiles.fileName));
  const refusalFor = await supportRefusals(ctx, actor);
  return rows.map(({ release, product }) => {
    const refusal = refusalFor(product.id);
    return {
      id: release.id,
      product: { id: product.id, code: product.code, name: product.name },
      version: release.version,
      releasedOn: release.releasedOn,
      notes: release.notes,
      notesHtml: ctx.markdown(release.notes),
      available: refusal === null,
      refusal,
      files: files.filter((file) => file.releaseId === release.id).map(fileView),
    };
  });
}

/** A file to download: only while support is active for its product; every download is kept. */
export async function openReleaseFile(
  ctx: AppContext,
  actor: Actor,
  fileId: string,
  /** A download picked up where it broke off (a Range from a later byte): it is logged once, at its start. */
  resumed = false,
) {
  const [row] = await ctx.db
    .select({ file: releaseFiles, productId: releases.productId })
    .from(releaseFiles)
    .innerJoin(releases, eq(releases.id, releaseFiles.releaseId))
    .where(eq(releaseFiles.id, fileId));
  if (!row) throw notFound();
  const refusal = (await supportRefusals(ctx, actor))(row.productId);
  if (refusal) throw new AppError('forbidden', refusal);
  if (!resumed) {
    await ctx.db.insert(releaseDownloads).values({
      releaseFileId: row.file.id,
      actorType: actor.type,
      actorId: actor.type === 'system' ? null : actor.id,
      actorLabel: actorLabel(actor),
      organizationId: actor.type === 'contact' ? actor.organizationId : null,
      at: ctx.clock.now(),
    });
  }
  const key = row.file.storagePath;
  const file = fileView(row.file);
  return {
    ...file,
    open: (range?: ByteRange) => ctx.files.open(key, range),
    link: () =>
      ctx.files.downloadLink(key, { fileName: file.fileName, contentType: 'application/octet-stream' }),
  };
}

/** Who took a file, newest first (administrators). */
export async function downloadsOf(ctx: AppContext, actor: Actor, fileId: string) {
  requireAdmin(actor);
  const rows = await ctx.db
    .select()
    .from(releaseDownloads)
    .where(and(eq(releaseDownloads.releaseFileId, fileId)))
    .orderBy(desc(releaseDownloads.at));
  return rows.map((row) => ({
    actor: row.actorLabel,
    organizationId: row.organizationId,
    at: row.at.toISOString(),
  }));
}
