import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReleaseFile } from '../src/app/releases/releases.js';
import { databaseBackends } from './support/databases.js';
import { fileForm } from './support/multipart.js';
import {
  ADMIN,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

// The test of streaming asks the collector to run while it measures.
setFlagsFromString('--expose-gc');

/** §3.4: releases for customers whose support is active; Anna's Standard certificate covers ESB and Registry until 27 July 2027. */
describe('releases for supported customers', () => {
  let desk: TestDesk;
  let world: DemoWorld;
  let admin: ReturnType<typeof caller>;
  let adminSession: Session;
  let esbFile: string;
  let schedulerFile: string;
  const notes = '## Что нового\n\n- Очереди с приоритетами';
  const content = Buffer.from('ESB 4.3.0 distribution\n'.repeat(1000));

  beforeAll(async () => {
    desk = await openTestDesk(pglite, { LOGIN_RATE_LIMIT: '1000' });
    adminSession = await signIn(desk.app, ...ADMIN);
    admin = caller(desk.app, adminSession);
    world = await demoWorld(desk.app, adminSession);
    const product = (code: string) => world.products.find((candidate) => candidate.code === code)?.id;
    const publish = async (code: string, fileName: string) => {
      const release = await admin('POST', '/api/v1/releases', {
        productId: product(code),
        version: '4.3.0',
        releasedOn: '2026-11-20',
        notes,
      });
      expect(release.statusCode, release.body).toBe(201);
      const upload = await desk.app.inject({
        method: 'POST',
        url: `/api/v1/releases/${release.json().id}/files`,
        payload: fileForm(fileName, content).payload,
        headers: {
          'content-type': fileForm(fileName, content).contentType,
          cookie: adminSession.cookie,
          'x-csrf-token': adminSession.csrfToken,
        },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      expect(upload.json()).toMatchObject({
        fileName,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
      return upload.json().id as string;
    };
    esbFile = await publish('ESB', 'esb-4.3.0.tar.gz');
    schedulerFile = await publish('SCHEDULER', 'scheduler-4.3.0.tar.gz');
  });
  afterAll(() => desk?.close());

  it('lets a contact of a covered product download it, checksummed, and logs who took it', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const listed = (await anna('GET', '/api/v1/releases')).json();
    expect(
      listed.find((release: { product: { code: string } }) => release.product.code === 'ESB'),
    ).toMatchObject({
      available: true,
      refusal: null,
      notes,
    });
    const download = await anna('GET', `/api/v1/release-files/${esbFile}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(content)).toBe(true);
    expect(download.headers['x-content-sha256']).toBe(createHash('sha256').update(content).digest('hex'));
    expect(download.headers['content-disposition']).toContain('attachment');
    const log = (await admin('GET', `/api/v1/release-files/${esbFile}/downloads`)).json();
    expect(log[0]).toMatchObject({
      actor: expect.stringContaining('anna.petrova@baltlog.example'),
      organizationId: world.baltlog.id,
    });
  });

  it('refuses a product no certificate of the customer covers, saying why', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT), 'ru');
    const listed = (await anna('GET', '/api/v1/releases')).json();
    expect(
      listed.find((release: { product: { code: string } }) => release.product.code === 'SCHEDULER'),
    ).toMatchObject({
      available: false,
      refusal: 'release_not_covered',
    });
    const refused = await anna('GET', `/api/v1/release-files/${schedulerFile}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'release_not_covered',
      title: 'Ни один сертификат поддержки вашей организации не покрывает экземпляр этого продукта.',
    });
  });

  it('allows it to the last Moscow day of the certificate, and refuses it from the next', async () => {
    desk.clock.set(new Date('2027-07-27T20:59:59Z')); // 23:59:59 on 27 July in Moscow
    expect(
      (
        await caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT))(
          'GET',
          `/api/v1/release-files/${esbFile}`,
        )
      ).statusCode,
    ).toBe(200);
    desk.clock.set(new Date('2027-07-27T21:00:00Z')); // midnight: 28 July in Moscow
    const expired = await caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT))(
      'GET',
      `/api/v1/release-files/${esbFile}`,
    );
    expect(expired.statusCode).toBe(403);
    expect(expired.json().code).toBe('certificate_expired');
  });

  it('streams a 100 MB file in and out with memory that does not grow with it', async () => {
    desk.clock.set(new Date('2026-11-24T09:00:00Z'));
    adminSession = await signIn(desk.app, ...ADMIN);
    const release = await caller(desk.app, adminSession)('POST', '/api/v1/releases', {
      productId: world.products.find((product) => product.code === 'ESB')?.id,
      version: '5.0.0',
      releasedOn: '2026-11-24',
    });
    const size = 100 * 1_048_576;
    const chunk = Buffer.alloc(1_048_576, 42);
    const expected = createHash('sha256');
    for (let index = 0; index < 100; index += 1) expected.update(chunk);
    const big = await addReleaseFile(
      desk.ctx,
      { type: 'system', name: 'test' },
      release.json().id,
      {
        fileName: 'esb-5.0.0.iso',
        stream: Readable.from(
          (function* () {
            for (let index = 0; index < 100; index += 1) yield chunk;
          })(),
        ),
      },
      2 * size,
    );
    expect(big).toMatchObject({ size, sha256: expected.digest('hex') });

    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    const anna = await signIn(desk.app, ...STANDARD_CONTACT);
    // The collector runs as the bytes flow, so the peak counts what is held, not garbage not yet taken back.
    const collect = runInNewContext('gc') as () => void;
    collect();
    const before = process.memoryUsage().rss;
    let peak = before;
    const response = await fetch(
      `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}/api/v1/release-files/${big.id}`,
      {
        headers: { cookie: anna.cookie },
      },
    );
    expect(response.headers.get('content-length')).toBe(String(size));
    const received = createHash('sha256');
    let bytes = 0;
    for await (const part of response.body as unknown as AsyncIterable<Uint8Array>) {
      received.update(part);
      if (Math.floor((bytes + part.length) / 8_388_608) > Math.floor(bytes / 8_388_608)) collect();
      bytes += part.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    expect(bytes).toBe(size);
    expect(received.digest('hex')).toBe(big.sha256);
    // Holding the file anywhere on the way would add at least its 100 MB; streaming needs a few buffers.
    expect(peak - before).toBeLessThan(80 * 1_048_576);
  });

  it('shows the documentation section to customers whose support covers the product, and why not otherwise', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const product = (code: string) => world.products.find((candidate) => candidate.code === code)?.id;
    const page = await admin('POST', '/api/v1/documentation', {
      productId: product('ESB'),
      title: 'Настройка очередей',
      body: '## Очереди\n\nПараметр `queue.workers` задаёт число обработчиков.',
    });
    expect(page.statusCode, page.body).toBe(201);
    const link = await admin('POST', '/api/v1/documentation', {
      productId: product('SCHEDULER'),
      title: 'Руководство администратора',
      url: 'https://docs.vendor.example/scheduler/admin',
    });
    expect(link.statusCode, link.body).toBe(201);
    const both = await admin('POST', '/api/v1/documentation', {
      productId: product('ESB'),
      title: 'x',
      url: 'https://docs.vendor.example/x',
      body: 'x',
    });
    expect(both.json()).toMatchObject({ code: 'validation_failed', field: 'body' });

    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const section = (await anna('GET', '/api/v1/documentation')).json();
    expect(section.find((entry: { title: string }) => entry.title === 'Настройка очередей')).toMatchObject({
      kind: 'page',
      available: true,
      body: expect.stringContaining('queue.workers'),
    });
    expect(
      section.find((entry: { title: string }) => entry.title === 'Руководство администратора'),
    ).toMatchObject({
      kind: 'link',
      available: false,
      refusal: 'release_not_covered',
      url: null,
    });
    expect((await anna('GET', `/api/v1/documentation/${link.json().id}`)).statusCode).toBe(403);
    expect((await anna('GET', `/api/v1/documentation/${page.json().id}`)).json().body).toContain(
      'queue.workers',
    );
  });

  it('suggests the pages that may answer a subject being typed, only those the reader may read', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const product = (code: string) => world.products.find((candidate) => candidate.code === code)?.id;
    const uncovered = await admin('POST', '/api/v1/documentation', {
      productId: product('SCHEDULER'),
      title: 'Очереди планировщика',
      body: 'Как разобрать очередь заданий.',
    });
    expect(uncovered.statusCode, uncovered.body).toBe(201);
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const suggest = async (who: typeof anna, typed: string) =>
      (await who('GET', `/api/v1/documentation/suggestions?q=${encodeURIComponent(typed)}`))
        .json()
        .map((page: { title: string }) => page.title);
    // Another form of the word ("Очередь" for "очередей"), and only one of the words is needed.
    expect(await suggest(anna, 'Очередь сообщений не обрабатывается')).toEqual(['Настройка очередей']);
    // Support reads every product's pages.
    expect(await suggest(admin, 'очередь')).toEqual(
      expect.arrayContaining(['Настройка очередей', 'Очереди планировщика']),
    );
    // Pages the customer may not read, however well they match, take no place from one they may.
    for (let index = 0; index < 21; index += 1) {
      const page = await admin('POST', '/api/v1/documentation', {
        productId: product('SCHEDULER'),
        title: `Очередь ${index}`,
        body: 'Очередь, очереди, очередей.',
      });
      expect(page.statusCode, page.body).toBe(201);
    }
    expect(await suggest(anna, 'очередь')).toEqual(['Настройка очередей']);
    expect(await suggest(admin, 'очередь')).toHaveLength(5);
    expect(await suggest(anna, 'пр')).toEqual([]);
    expect(await suggest(anna, 'лицензионный ключ')).toEqual([]);
  });

  it('counts the requests not filed after a suggested page was opened', async () => {
    let anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    // A day later her session has ended: she signs in again.
    const nextDay = async () => {
      desk.clock.advance(25 * 3_600_000);
      anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    };
    const [page] = (await anna('GET', '/api/v1/documentation/suggestions?q=очередь')).json() as {
      id: string;
    }[];
    if (!page) throw new Error('no suggestion');
    const opened = () =>
      anna('POST', `/api/v1/documentation/${page.id}/suggestion-opens`, { typed: 'Очередь стоит' });
    // Opened, and the page answered it: no request within the day.
    expect((await opened()).statusCode).toBe(204);
    await nextDay();
    // Opened, and a request followed all the same.
    expect((await opened()).statusCode).toBe(204);
    await fileOnBaltlog(anna, world, 'Очередь стоит, статья не помогла');
    await nextDay();
    // Opened just now: still undecided.
    expect((await opened()).statusCode).toBe(204);
    expect(
      (await anna('POST', `/api/v1/documentation/${page.id}/suggestion-opens`, { typed: '' })).statusCode,
    ).toBe(400);
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    expect(
      (await admin('POST', `/api/v1/documentation/${page.id}/suggestion-opens`, { typed: 'x' })).statusCode,
    ).toBe(403);

    const report = await admin('GET', '/api/v1/reports/deflection?from=2026-11-01&to=2026-12-31');
    expect(report.statusCode, report.body).toBe(200);
    const rows = report.json() as { page: string; opened: number; filed: number; notFiled: number }[];
    expect(rows.filter((row) => row.page === 'Настройка очередей')).toEqual([
      expect.objectContaining({ opened: 3, filed: 1, notFiled: 1, deflectedShare: 0.5 }),
    ]);
  });

  it('counts the organization’s downloads in the certificate report', async () => {
    const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    const rows = (await admin('GET', '/api/v1/reports/certificates?from=2026-11-01&to=2027-12-31')).json();
    // The first download, the last-day one, and the 100 MB one.
    expect(rows.find((row: { certificate: string }) => row.certificate === 'СТП-С-2026-0042')).toMatchObject({
      organizationDownloads: 3,
    });
  });
});
