import type { Readable } from 'node:stream';

/** The store cannot take a file now (the disk is full, the bucket refuses): nothing of it is left. */
export class StorageWriteError extends Error {
  constructor(override readonly cause: unknown) {
    super(`file storage refused a write: ${(cause as NodeJS.ErrnoException)?.code ?? String(cause)}`);
    this.name = 'StorageWriteError';
  }
}

/** The store cannot be reached or fails (an object store down or hanging): try again shortly. */
export class StorageUnavailableError extends Error {
  constructor(override readonly cause: unknown) {
    super(`file storage is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StorageUnavailableError';
  }
}

/** A byte range of a stored file, both ends included (HTTP's `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredStream {
  key: string;
  size: number;
  sha256: string;
  /** The source was cut off by its size limit: nothing was kept. */
  truncated: boolean;
}

/**
 * Where the desk keeps file bytes (attachments, raw mails, release files), known by keys of the form
 * `YYYY-MM/<id>` that the database stores. Drivers: the file system under DATA_DIR (one server, the
 * embedded database) and S3-compatible object storage (several instances sharing one store).
 */
export interface FileStore {
  readonly maxBytes: number;
  /** Stores bytes and answers the key; a write refused for lack of room throws StorageWriteError. */
  save(id: string, createdAt: Date, data: Buffer): Promise<string>;
  /** Stores a stream without holding it in memory, hashing it on the way (multipart in object storage). */
  saveStream(id: string, createdAt: Date, source: Readable & { truncated?: boolean }): Promise<StoredStream>;
  read(key: string): Promise<Buffer>;
  /** The bytes as a stream, or a range of them. */
  open(key: string, range?: ByteRange): Promise<Readable>;
  remove(key: string): Promise<void>;
  /**
   * A short-lived link the client fetches the bytes from itself, served as a download under this
   * name and type; null when the desk serves the bytes (the file system, or a store set to stream).
   */
  downloadLink(key: string, download: DownloadAs): Promise<string | null>;
}

/** How a file is handed out: always as a download (never inline), under its own name. */
export interface DownloadAs {
  fileName: string;
  contentType: string;
}

/** The Content-Disposition of a download: the name in UTF-8 (RFC 6266), never shown inline. */
export const attachmentDisposition = (fileName: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** The key a file of this id, stored at this time, is kept under. */
export const storageKey = (id: string, createdAt: Date) => `${createdAt.toISOString().slice(0, 7)}/${id}`;

/**
 * Runs the database write that names a file just stored, and removes the file when that write fails
 * (the database down, its own disk full): a stored file no row names would stay for ever, unseen.
 */
export async function recordedOrRemoved<T>(
  store: FileStore,
  key: string,
  record: () => Promise<T>,
): Promise<T> {
  try {
    return await record();
  } catch (error) {
    await store.remove(key).catch(() => {});
    throw error;
  }
}
