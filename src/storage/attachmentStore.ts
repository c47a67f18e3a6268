import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/** Where attachment bytes live: files under DATA_DIR/attachments, named by the attachment's id. */
export class AttachmentStore {
  readonly root: string;

  constructor(
    dataDir: string,
    readonly maxBytes: number,
  ) {
    this.root = resolve(dataDir, 'attachments');
  }

  /** Writes the bytes and returns the path relative to the store, as the database keeps it. */
  async save(id: string, createdAt: Date, data: Buffer): Promise<string> {
    const relative = join(createdAt.toISOString().slice(0, 7), id);
    const path = this.resolve(relative);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data, { flag: 'wx' });
    return relative;
  }

  open(relative: string): Readable {
    return createReadStream(this.resolve(relative));
  }

  async remove(relative: string): Promise<void> {
    await rm(this.resolve(relative), { force: true });
  }

  /** A stored path can never point outside the store, whatever the database says. */
  private resolve(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new Error('attachment path outside the store');
    return path;
  }
}
