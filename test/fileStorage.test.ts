import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateFiles } from '../src/app/files/storageMigration.js';
import { addReleaseFile } from '../src/app/releases/releases.js';
import { removeUnlinkedUploads } from '../src/app/tickets/unlinkedUploads.js';
import { startSmtpListener } from '../src/channels/email/smtpListener.js';
import { loadConfig } from '../src/config.js';
import { attachments, inboundMail, releaseDownloads } from '../src/db/schema.js';
import { S3FileStore } from '../src/storage/s3Store.js';
import { databaseBackends } from './support/databases.js';
import { send } from './support/mail.js';
import { fileForm } from './support/multipart.js';
import { S3_BUCKET, startS3 } from './support/s3.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** A file upload by a signed-in person. */
function multipart(fileName: string, content: Buffer, session: Session) {
  const form = fileForm(fileName, content);
  return {
    payload: form.payload,
    headers: { 'content-type': form.contentType, cookie: session.cookie, 'x-csrf-token': session.csrfToken },
  };
}

const drivers = [
  {
    name: 'the file system',
    start: async () => ({ env: {} as Record<string, string>, stop: async () => {} }),
  },
  { name: 'S3 object storage (s3rver on loopback)', start: startS3 },
];

describe.each(drivers)('files kept in $name', (driver) => {
  let store: Awaited<ReturnType<typeof driver.start>>;
  let desk: TestDesk;
  let world: DemoWorld;
  let admin: Session;
  let anna: Session;

  beforeAll(async () => {
    store = await driver.start();
    desk = await openTestDesk(pglite, { LOGIN_RATE_LIMIT: '1000', ...store.env });
    admin = await signIn(desk.app, ...ADMIN);
    anna = await signIn(desk.app, ...STANDARD_CONTACT);
    world = await demoWorld(desk.app, admin);
  });
  afterAll(async () => {
    await desk?.close();
    await store?.stop();
  });

  /** The attachments folder under DATA_DIR: the object-storage driver writes nothing there. */
  const localFiles = () => {
    const root = (desk.ctx.files as { root?: string }).root;
    return root && existsSync(root) ? readdirSync(root, { recursive: true }) : [];
  };

  it('keeps an uploaded attachment and serves it back whole to the uploader', async () => {
    const content = Buffer.from(`журнал ошибок\n${'строка журнала\n'.repeat(2000)}`);
    const upload = await desk.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      ...multipart('server.log', content, anna),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject({ size: content.length, sha256: sha256(content) });
    const download = await caller(desk.app, anna)('GET', `/api/v1/attachments/${upload.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(sha256(download.rawPayload)).toBe(sha256(content));
    expect(desk.ctx.files instanceof S3FileStore).toBe(driver.start === startS3);
    if (desk.ctx.files instanceof S3FileStore) expect(localFiles()).toEqual([]);
  });

  it('streams a 40 MB release in parts and resumes its download from any byte', async () => {
    const release = await caller(desk.app, admin)('POST', '/api/v1/releases', {
      productId: world.products.find((product) => product.code === 'ESB')?.id,
      version: '5.1.0',
      releasedOn: '2026-11-20',
      notes: '',
    });
    expect(release.statusCode, release.body).toBe(201);
    const chunk = Buffer.alloc(1_048_576);
    const expected = createHash('sha256');
    const whole: Buffer[] = [];
    for (let index = 0; index < 40; index += 1) {
      const part = Buffer.from(chunk.map((_, offset) => (index * 7 + offset) % 251));
      whole.push(part);
      expected.update(part);
    }
    const added = await addReleaseFile(
      desk.ctx,
      { type: 'system', name: 'test' },
      release.json().id,
      { fileName: 'esb-5.1.0.iso', stream: Readable.from(whole) },
      100 * 1_048_576,
    );
    expect(added).toMatchObject({ size: 40 * 1_048_576, sha256: expected.digest('hex') });
    const file = Buffer.concat(whole);
    const get = (range?: string) =>
      desk.app.inject({
        method: 'GET',
        url: `/api/v1/release-files/${added.id}`,
        headers: { cookie: anna.cookie, ...(range ? { range } : {}) },
      });
    const full = await get();
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    expect(sha256(full.rawPayload)).toBe(sha256(file));

    const middle = await get('bytes=17000000-17999999');
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 17000000-17999999/${file.length}`);
    expect(middle.rawPayload.equals(file.subarray(17_000_000, 18_000_000))).toBe(true);
    const tail = await get('bytes=-1000');
    expect(tail.rawPayload.equals(file.subarray(file.length - 1000))).toBe(true);
    const beyond = await get(`bytes=${file.length}-`);
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${file.length}`);
    expect(beyond.json()).toMatchObject({ code: 'range_not_satisfiable' });

    // The whole download and its start count; the resumed pieces do not count again.
    const downloads = await desk.ctx.db
      .select()
      .from(releaseDownloads)
      .where(eq(releaseDownloads.releaseFileId, added.id));
    expect(downloads).toHaveLength(1);
  });

  it('removes uploads no message took within a day, and keeps those a message took', async () => {
    const upload = async (name: string) => {
      const response = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        ...multipart(name, Buffer.from(`содержимое ${name}`), anna),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const forgotten = await upload('forgotten.txt');
    const attached = await upload('attached.txt');
    const ticket = await caller(desk.app, anna)('POST', '/api/v1/tickets', {
      instanceId: world.baltlog.instances[0]?.id,
      severity: 'low',
      subject: 'Файл к запросу',
      description: 'Прикладываю журнал.',
      attachmentIds: [attached],
    });
    expect(ticket.statusCode, ticket.body).toBe(201);
    const [forgottenRow] = await desk.ctx.db.select().from(attachments).where(eq(attachments.id, forgotten));

    desk.clock.advance(23 * 3_600_000);
    expect((await removeUnlinkedUploads(desk.ctx)).removed).toBe(0);
    desk.clock.advance(2 * 3_600_000);
    expect((await removeUnlinkedUploads(desk.ctx)).removed).toBeGreaterThanOrEqual(1);
    const left = await desk.ctx.db.select({ id: attachments.id }).from(attachments);
    expect(left.map((row) => row.id)).toContain(attached);
    expect(left.map((row) => row.id)).not.toContain(forgotten);
    await expect(desk.ctx.files.read(forgottenRow?.storagePath ?? '')).rejects.toThrow();
    // A day has passed: the contact signs in again.
    anna = await signIn(desk.app, ...STANDARD_CONTACT);
    const kept = await caller(desk.app, anna)('GET', `/api/v1/attachments/${attached}`);
    expect(kept.body).toBe('содержимое attached.txt');
  });

  it('keeps the raw mail of a request in the same store', async () => {
    const listener = await startSmtpListener(desk.ctx, pino({ level: 'silent' }), {
      host: '127.0.0.1',
      port: 0,
    });
    try {
      await send(listener.port, {
        from: 'anna.petrova@baltlog.example',
        subject: '[esb-prod-spb] Очередь стоит',
        text: 'С утра не разбирается очередь orders.in.',
        messageId: '<stored.in.store@baltlog.example>',
      });
    } finally {
      await listener.close();
    }
    const [stored] = await desk.ctx.db
      .select()
      .from(inboundMail)
      .where(eq(inboundMail.messageId, '<stored.in.store@baltlog.example>'));
    expect(stored?.outcome).toBe('ticket');
    const raw = (await desk.ctx.files.read(stored?.storedAs ?? '')).toString();
    expect(raw).toContain('Message-ID: <stored.in.store@baltlog.example>');
    if (desk.ctx.files instanceof S3FileStore) expect(localFiles()).toEqual([]);
  });
});

describe('an object store that goes away', () => {
  it('answers uploads and downloads 503 with Retry-After, and keeps no row of a file it could not store', async () => {
    const s3 = await startS3();
    const desk = await openTestDesk(pglite, { ...s3.env, S3_TIMEOUT_MS: '2000' });
    try {
      const anna = await signIn(desk.app, ...STANDARD_CONTACT);
      const before = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        ...multipart('before.txt', Buffer.from('до остановки'), anna),
      });
      expect(before.statusCode, before.body).toBe(201);
      await s3.stop();
      const rows = (await desk.ctx.db.select().from(attachments)).length;
      const during = multipart('during.txt', Buffer.from('во время остановки'), anna);
      const refused = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...during.headers, 'accept-language': 'ru' },
        payload: during.payload,
      });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.json()).toMatchObject({ code: 'storage_unavailable' });
      expect(refused.json().title).toMatch(/^Хранилище файлов сейчас недоступно/);
      expect((await desk.ctx.db.select().from(attachments)).length).toBe(rows);
      const download = await caller(desk.app, anna)('GET', `/api/v1/attachments/${before.json().id}`);
      expect(download.statusCode).toBe(503);
    } finally {
      await desk.close();
      await s3.stop().catch(() => {});
    }
  });
});

describe('downloads straight from the object store', () => {
  it('sends the client to a short-lived signed link on the public address, only after the usual checks', async () => {
    const s3 = await startS3();
    const store = new URL(s3.env.S3_ENDPOINT);
    const publicEndpoint = `http://localhost:${store.port}`;
    const desk = await openTestDesk(pglite, {
      ...s3.env,
      S3_PRESIGNED_DOWNLOADS: 'true',
      S3_PUBLIC_ENDPOINT: publicEndpoint,
      S3_PRESIGNED_TTL_SECONDS: '60',
    });
    try {
      desk.clock.set(new Date());
      const anna = await signIn(desk.app, ...STANDARD_CONTACT);
      const content = Buffer.from('журнал ошибок шины\n'.repeat(100));
      const upload = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        ...multipart('журнал шины.txt', content, anna),
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const attachmentId = upload.json().id as string;
      const answer = await caller(desk.app, anna)('GET', `/api/v1/attachments/${attachmentId}`);
      expect(answer.statusCode).toBe(302);
      expect(answer.headers['cache-control']).toBe('no-store');
      const link = String(answer.headers.location);
      expect(link.startsWith(`${publicEndpoint}/${S3_BUCKET}/`)).toBe(true);
      expect(link).toContain('X-Amz-Expires=60');
      const fetched = await fetch(link);
      expect(fetched.status).toBe(200);
      expect(fetched.headers.get('content-disposition')).toBe(
        `attachment; filename*=UTF-8''${encodeURIComponent('журнал шины.txt')}`,
      );
      expect(fetched.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(sha256(Buffer.from(await fetched.arrayBuffer()))).toBe(sha256(content));

      // Someone who may not see the file gets no link; a link signed long ago no longer opens.
      const sergey = await signIn(desk.app, ...EXTENDED_CONTACT);
      expect((await caller(desk.app, sergey)('GET', `/api/v1/attachments/${attachmentId}`)).statusCode).toBe(
        404,
      );
      desk.clock.set(new Date(Date.now() - 120_000));
      const stale = await caller(desk.app, anna)('GET', `/api/v1/attachments/${attachmentId}`);
      expect((await fetch(String(stale.headers.location))).status).toBe(403);
      desk.clock.set(new Date());

      // A release file: the store serves the ranges; the desk counts the download and names the hash.
      const admin = await signIn(desk.app, ...ADMIN);
      const world = await demoWorld(desk.app, admin);
      const release = await caller(desk.app, admin)('POST', '/api/v1/releases', {
        productId: world.products.find((product) => product.code === 'ESB')?.id,
        version: '5.2.0',
        releasedOn: '2026-11-20',
        notes: '',
      });
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, index) => index % 256));
      const added = await addReleaseFile(
        desk.ctx,
        { type: 'system', name: 'test' },
        release.json().id,
        { fileName: 'esb-5.2.0.zip', stream: Readable.from([bytes]) },
        1_048_576,
      );
      const releaseAnswer = await caller(desk.app, anna)('GET', `/api/v1/release-files/${added.id}`);
      expect(releaseAnswer.statusCode).toBe(302);
      expect(releaseAnswer.headers['x-content-sha256']).toBe(sha256(bytes));
      const piece = await fetch(String(releaseAnswer.headers.location), {
        headers: { range: 'bytes=100-199' },
      });
      expect(piece.status).toBe(206);
      expect(Buffer.from(await piece.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
      const downloads = await desk.ctx.db
        .select()
        .from(releaseDownloads)
        .where(eq(releaseDownloads.releaseFileId, added.id));
      expect(downloads).toHaveLength(1);
    } finally {
      await desk.close();
      await s3.stop();
    }
  });
});

describe('moving the files of a desk from the file system into a bucket', () => {
  it('copies every file the database names once, and a second run copies nothing', async () => {
    const s3 = await startS3();
    const desk = await openTestDesk(pglite);
    try {
      const anna = await signIn(desk.app, ...STANDARD_CONTACT);
      const contents = ['первый файл', 'второй файл'].map((text) => Buffer.from(text));
      for (const [index, content] of contents.entries()) {
        const response = await desk.app.inject({
          method: 'POST',
          url: '/api/v1/attachments',
          ...multipart(`file-${index}.txt`, content, anna),
        });
        expect(response.statusCode, response.body).toBe(201);
      }
      const config = loadConfig(s3.env);
      if (!config.s3) throw new Error('the S3 settings did not load');
      const bucket = new S3FileStore(config.s3, config.attachmentMaxBytes, desk.clock);
      const rows = await desk.ctx.db.select().from(attachments);

      const first = await migrateFiles(desk.ctx, desk.ctx.files, bucket);
      expect(first).toEqual({ copied: rows.length, alreadyThere: 0, missing: [] });
      for (const row of rows) {
        expect((await bucket.read(row.storagePath)).equals(await desk.ctx.files.read(row.storagePath))).toBe(
          true,
        );
      }
      expect(await migrateFiles(desk.ctx, desk.ctx.files, bucket)).toEqual({
        copied: 0,
        alreadyThere: rows.length,
        missing: [],
      });
    } finally {
      await desk.close();
      await s3.stop();
    }
  });
});
