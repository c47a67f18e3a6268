import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { buildHttpApp } from '../src/http/app.js';
import { connectLimitStore } from '../src/http/sharedLimits.js';
import { databaseBackends } from './support/databases.js';
import { ADMIN, openTestDesk, type TestDesk } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 3;
const silent = pino({ level: 'silent' });

/** Two instances of the desk behind one balancer: the sign-in limit must hold for the pair, not each. */
describe('the sign-in limit across instances', () => {
  let desk: TestDesk;
  const opened: { close(): Promise<unknown> }[] = [];

  beforeAll(async () => {
    desk = await openTestDesk(pglite, { LOGIN_RATE_LIMIT: String(LIMIT) });
  });
  afterAll(async () => {
    for (const resource of opened) await resource.close();
    await desk?.close();
  });

  /** Two instances of the HTTP app on the same database, counting in Redis or each in its own memory. */
  async function pair(shared: boolean, url = REDIS_URL): Promise<FastifyInstance[]> {
    const prefix = `supportdesk-test-${randomBytes(6).toString('hex')}:`;
    const config = loadConfig({
      LOGIN_RATE_LIMIT: String(LIMIT),
      LOG_LEVEL: 'silent',
      REDIS_PREFIX: prefix,
      ...(shared ? { REDIS_URL: url } : {}),
    });
    return Promise.all(
      [0, 1].map(async () => {
        const limitStore = shared ? connectLimitStore(url, silent) : null;
        const app = await buildHttpApp({
          ctx: desk.ctx,
          database: desk.database,
          config,
          logger: silent,
          limitStore,
        });
        await app.ready();
        opened.push({
          close: async () => {
            await app.close();
            await limitStore?.quit();
          },
        });
        return app;
      }),
    );
  }

  const attempt = (app: FastifyInstance) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: ADMIN[0], password: 'not-the-password-at-all' },
    });

  it('counts the attempts made on either instance together when Redis is shared', async () => {
    const [first, second] = await pair(true);
    if (!first || !second) throw new Error('no pair');
    const answers = [];
    for (const app of [first, second, first, second]) answers.push((await attempt(app)).statusCode);
    expect(answers).toEqual([401, 401, 401, 429]);
  });

  it('lets each instance count alone without Redis, allowing the pair twice the limit', async () => {
    const [first, second] = await pair(false);
    if (!first || !second) throw new Error('no pair');
    const answers = [];
    for (const app of [first, second, first, second]) answers.push((await attempt(app)).statusCode);
    expect(answers).toEqual([401, 401, 401, 401]);
  });

  it('still lets people sign in when Redis is away, the limit skipped rather than the request failed', async () => {
    const [first] = await pair(true, 'redis://127.0.0.1:1');
    if (!first) throw new Error('no instance');
    expect((await attempt(first)).statusCode).toBe(401);
  });
});
