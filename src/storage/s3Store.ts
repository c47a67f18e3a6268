import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FillableStore } from '../app/files/storageMigration.js';
import {
  attachmentDisposition,
  type ByteRange,
  type DownloadAs,
  type FileStore,
  StorageUnavailableError,
  StorageWriteError,
  type StoredStream,
  storageKey,
} from '../app/ports/fileStore.js';
import type { S3Settings } from '../config.js';
import type { Clock } from '../domain/calendar/clock.js';

/** The store answering that it is full or the object too large, as opposed to being away. */
const REFUSALS = new Set(['EntityTooLarge', 'QuotaExceeded', 'InsufficientStorage', 'AccessDenied']);

/** A refusal is the store's answer to this write; anything else (no answer, a timeout, a 5xx) is the store being away. */
function storeFailure(error: unknown): Error {
  if (
    error instanceof S3ServiceException &&
    (REFUSALS.has(error.name) || error.$metadata.httpStatusCode === 507)
  )
    return new StorageWriteError(error);
  if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode ?? 500) < 500) return error;
  return new StorageUnavailableError(error);
}

/** Parts of a multipart upload: large enough for 4 GB in well under S3's 10,000 parts. */
const PART_BYTES = 16 * 1_048_576;

/**
 * The object-storage driver: one bucket of an S3-compatible store (MinIO, Ceph, Yandex Object Storage,
 * Selectel, AWS), shared by every instance. Streams go up in parts and come down as streams; every
 * call has a timeout, so a store that hangs fails the request rather than holding it.
 */
export class S3FileStore implements FileStore, FillableStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  /** Signs links on the store's address as browsers reach it, when downloads go there directly. */
  private readonly signer: { client: S3Client; ttlSeconds: number } | null;

  constructor(
    settings: S3Settings,
    readonly maxBytes: number,
    /** Download links are signed at the desk's time, and expire by it. */
    private readonly clock: Clock,
  ) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: settings.timeoutMs },
    });
    const presigned = settings.presignedDownloads;
    this.signer = presigned
      ? {
          ttlSeconds: presigned.ttlSeconds,
          // Signing is local arithmetic: this client never sends a request.
          client: new S3Client({
            endpoint: presigned.publicEndpoint,
            region: settings.region,
            forcePathStyle: settings.forcePathStyle,
            credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
          }),
        }
      : null;
  }

  async downloadLink(key: string, download: DownloadAs): Promise<string | null> {
    if (!this.signer) return null;
    return getSignedUrl(
      this.signer.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: attachmentDisposition(download.fileName),
        ResponseContentType: download.contentType,
      }),
      { expiresIn: this.signer.ttlSeconds, signingDate: this.clock.now() },
    );
  }

  async save(id: string, createdAt: Date, data: Buffer): Promise<string> {
    const key = storageKey(id, createdAt);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: data }));
    } catch (error) {
      throw storeFailure(error);
    }
    return key;
  }

  async saveStream(
    id: string,
    createdAt: Date,
    source: Readable & { truncated?: boolean },
  ): Promise<StoredStream> {
    const key = storageKey(id, createdAt);
    const hash = createHash('sha256');
    let size = 0;
    const measured = source.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      }),
    );
    source.once('error', (error) => measured.destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: measured },
      partSize: PART_BYTES,
      queueSize: 2,
      // A failed multipart upload is aborted, so no parts are left behind in the bucket.
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      await this.remove(key).catch(() => {});
      throw storeFailure(error);
    }
    if (source.truncated) await this.remove(key);
    return { key, size, sha256: hash.digest('hex'), truncated: Boolean(source.truncated) };
  }

  async read(key: string): Promise<Buffer> {
    const object = await this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      .catch((error: unknown) => {
        throw storeFailure(error);
      });
    if (!object.Body) throw new Error(`object ${key} has no body`);
    return Buffer.from(await object.Body.transformToByteArray());
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const object = await this.client
      .send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      )
      .catch((error: unknown) => {
        throw storeFailure(error);
      });
    if (!object.Body) throw new Error(`object ${key} has no body`);
    return object.Body as Readable;
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Whether the bucket holds the key already (the migration copies each file once). */
  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
      throw error;
    }
  }

  /** Stores a stream of known origin under its existing key (the migration from the file system). */
  async copyIn(key: string, body: Readable): Promise<void> {
    await new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body },
      partSize: PART_BYTES,
    }).done();
  }
}
