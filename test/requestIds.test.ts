import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildHttpApp } from '../src/http/app.js';
import { databaseBackends } from './support/databases.js';
import { openTestDesk, type TestDesk } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

describe('request ids', () => {
  let desk: TestDesk;
  let app: Awaited<ReturnType<typeof buildHttpApp>>;
  const lines: { reqId?: string; msg?: string }[] = [];

  beforeAll(async () => {
    desk = await openTestDesk(pglite);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({ LOG_LEVEL: 'info' });
    app = await buildHttpApp({
      ctx: desk.ctx,
      database: desk.database,
      config,
      logger: pino({ level: 'info' }, sink),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await desk?.close();
  });

  it("keeps the balancer's id in the answer, the problem and every log line of the request", async () => {
    const answer = await app.inject({
      method: 'GET',
      url: '/api/v1/tickets',
      headers: { 'x-request-id': 'balancer-0001-abcd' },
    });
    expect(answer.statusCode).toBe(401);
    expect(answer.headers['x-request-id']).toBe('balancer-0001-abcd');
    expect(answer.json()).toMatchObject({ code: 'unauthenticated', requestId: 'balancer-0001-abcd' });
    const logged = lines.filter((line) => line.reqId === 'balancer-0001-abcd');
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });

  it('gives a request without one an id of its own, unique across instances', async () => {
    const [first, second] = await Promise.all([
      app.inject({ method: 'GET', url: '/api/v1/tickets' }),
      app.inject({ method: 'GET', url: '/api/v1/tickets', headers: { 'x-request-id': 'bad\nid' } }),
    ]);
    const ids = [first?.headers['x-request-id'], second?.headers['x-request-id']];
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
