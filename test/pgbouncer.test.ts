import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { createPostgresDatabase } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import { startPgBouncer } from './support/pgbouncer.js';
import {
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/**
 * The desk through PgBouncer in transaction pooling mode (Debian's 1.18, which keeps no prepared
 * statements): statements go unnamed, and what needs a session of its own (LISTEN, advisory locks,
 * migrations) takes the direct connection.
 */
describe.each(serverUrl ? [serverUrl] : [])('the desk through PgBouncer in transaction mode', (url) => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let bouncer: Awaited<ReturnType<typeof startPgBouncer>>;
  let desk: TestDesk;
  let world: DemoWorld;

  beforeAll(async () => {
    database = await createPostgresDatabase(url);
    bouncer = await startPgBouncer(database.url);
    desk = await openTestDesk({
      name: 'postgres',
      open: () =>
        openDatabase({
          kind: 'postgres',
          url: bouncer.url,
          poolSize: 8,
          preparedStatements: false,
          sessionUrl: database.url,
        }),
    });
    world = await demoWorld(desk.app, await signIn(desk.app, ...AGENT));
  });
  afterAll(async () => {
    await desk?.close();
    await bouncer?.stop();
    await database?.drop();
  });

  it('signs in, files requests, answers them and delivers their notices, many at once', async () => {
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    const instanceId = world.baltlog.instances[0]?.id;
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        anna('POST', '/api/v1/tickets', {
          instanceId,
          severity: 'medium',
          subject: `Запрос через пулер ${index}`,
          description: 'Проверка работы через PgBouncer.',
        }),
      ),
    );
    expect(created.map((answer) => answer.statusCode)).toEqual(Array(20).fill(201));
    const numbers = new Set(created.map((answer) => answer.json().number));
    expect(numbers.size).toBe(20);
    const replies = await Promise.all(
      created.map((answer) =>
        irina('POST', `/api/v1/tickets/${answer.json().id}/messages`, { body: 'Смотрим.' }),
      ),
    );
    expect(replies.map((answer) => answer.statusCode)).toEqual(Array(20).fill(201));
    const delivered = await deliverOutbox(desk.ctx);
    expect(delivered.failed).toBe(0);
    expect(delivered.delivered).toBeGreaterThanOrEqual(80);
    const page = (await irina('GET', '/api/v1/tickets?limit=200')).json();
    expect(
      page.items.filter((item: { subject: string }) => item.subject.startsWith('Запрос через пулер')),
    ).toHaveLength(20);
  });

  it('holds its advisory locks and listens on the direct connection', async () => {
    const lock = await desk.database.tryLock(4_242_777);
    expect(lock).not.toBeNull();
    expect(await desk.database.tryLock(4_242_777)).toBeNull();
    await lock?.release();
    const heard: (string | null)[] = [];
    const stop = await desk.database.listen('supportdesk_outbox', (payload) => heard.push(payload));
    await new Promise((resolve) => setTimeout(resolve, 300));
    await caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT))('POST', '/api/v1/tickets', {
      instanceId: world.baltlog.instances[0]?.id,
      severity: 'low',
      subject: 'Уведомление через прямое соединение',
      description: 'NOTIFY доходит.',
    });
    for (let tries = 0; tries < 50 && heard.length === 0; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await stop();
    expect(heard.length).toBeGreaterThan(0);
  });
});
