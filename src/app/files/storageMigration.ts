import type { Readable } from 'node:stream';
import { isNotNull } from 'drizzle-orm';
import { attachments, inboundMail, releaseFiles } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import type { FileStore } from '../ports/fileStore.js';

/** A store that can be filled from another: it says what it has, and takes a file under its key. */
export interface FillableStore {
  has(key: string): Promise<boolean>;
  copyIn(key: string, body: Readable): Promise<void>;
}

export interface MigrationReport {
  copied: number;
  alreadyThere: number;
  /** Keys the database names that the source does not have (a file removed by hand, say). */
  missing: string[];
}

/** Every key the database names: attachments, raw mails, release files. */
async function storedKeys(ctx: AppContext): Promise<string[]> {
  const [files, mails, releases] = await Promise.all([
    ctx.db.select({ key: attachments.storagePath }).from(attachments),
    ctx.db.select({ key: inboundMail.storedAs }).from(inboundMail).where(isNotNull(inboundMail.storedAs)),
    ctx.db.select({ key: releaseFiles.storagePath }).from(releaseFiles),
  ]);
  return [...files, ...mails, ...releases].flatMap((row) => (row.key ? [row.key] : []));
}

/**
 * Copies every file the database names from one store into another, under the same keys, each once:
 * run again after an interruption, it copies only what is not there yet. The source is left as it was.
 */
export async function migrateFiles(
  ctx: AppContext,
  from: FileStore,
  to: FillableStore,
  onProgress: (key: string) => void = () => {},
): Promise<MigrationReport> {
  const report: MigrationReport = { copied: 0, alreadyThere: 0, missing: [] };
  for (const key of await storedKeys(ctx)) {
    if (await to.has(key)) {
      report.alreadyThere += 1;
      continue;
    }
    let source: Readable;
    try {
      source = await from.open(key);
    } catch {
      report.missing.push(key);
      continue;
    }
    await to.copyIn(key, source);
    report.copied += 1;
    onProgress(key);
  }
  return report;
}
