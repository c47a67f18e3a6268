import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  type ByteRange,
  type FileStore,
  StorageWriteError,
  type StoredStream,
  storageKey,
} from '../app/ports/fileStore.js';

/** Write failures that mean "no room or no permission", as opposed to a bug: the caller may retry later. */
const REFUSED_WRITES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EFBIG', 'EIO']);

function refusedWrite(error: unknown): StorageWriteError | null {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code && REFUSED_WRITES.has(code) ? new StorageWriteError(error as NodeJS.ErrnoException) : null;
}

/** The file-system driver: files under DATA_DIR/attachments, named by their keys. */
export class FileSystemStore implements FileStore {
  readonly root: string;

  constructor(
    dataDir: string,
    readonly maxBytes: number,
  ) {
    this.root = resolve(dataDir, 'attachments');
  }

  /** Writes the bytes and returns the path relative to the store, as the database keeps it. */
  async save(id: string, createdAt: Date, data: Buffer): Promise<string> {
    const relative = storageKey(id, createdAt);
    const path = this.resolve(relative);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data, { flag: 'wx' });
    } catch (error) {
      // A write cut short by a full disk leaves a truncated file: remove it, so nothing half-written stays.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await rm(path, { force: true }).catch(() => {});
      throw refusedWrite(error) ?? error;
    }
    return relative;
  }

  async read(relative: string): Promise<Buffer> {
    return readFile(this.resolve(relative));
  }

  /**
   * Writes a stream to the store without holding it in memory, hashing it on the way; a stream cut off
   * by a size limit (`truncated`) leaves no file behind.
   */
  async saveStream(
    id: string,
    createdAt: Date,
    source: Readable & { truncated?: boolean },
  ): Promise<StoredStream> {
    const relative = storageKey(id, createdAt);
    const path = this.resolve(relative);
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      throw refusedWrite(error) ?? error;
    }
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw refusedWrite(error) ?? error;
    }
    if (source.truncated) await rm(path, { force: true });
    return { key: relative, size, sha256: hash.digest('hex'), truncated: Boolean(source.truncated) };
  }

  async open(relative: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.resolve(relative), range ?? {});
    // Opened before it is handed on, so a missing file fails here rather than half-way through a reply.
    await once(stream, 'open');
    return stream;
  }

  async remove(relative: string): Promise<void> {
    await rm(this.resolve(relative), { force: true });
  }

  /** Files on this server's disk are served by the desk itself. */
  async downloadLink(): Promise<null> {
    return null;
  }

  /** A stored path can never point outside the store, whatever the database says. */
  private resolve(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new Error('attachment path outside the store');
    return path;
  }
}
