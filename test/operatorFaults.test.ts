import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../src/app/demo/demoData.js';
import { loadConfig } from '../src/config.js';
import { type DatabaseHandle, MIGRATION_LOCK, openDatabase } from '../src/db/database.js';
import { ManualClock } from '../src/domain/calendar/clock.js';
import { buildHttpApp } from '../src/http/app.js';
import { logSerializers } from '../src/logger.js';
import { createAppContext } from '../src/wiring.js';
import { freePort, run } from './support/cli.js';
import { createPostgresDatabase, databaseBackends } from './support/databases.js';
import { TcpProxy } from './support/tcpProxy.js';
import {
  ADMIN,
  caller,
  DEMO_NOW,
  demoWorld,
  instanceNamed,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');
const serverUrl = process.env.TEST_DATABASE_URL;

/** The desk's own error serializer, writing into `lines` for the test to read. */
function capturingLogger(lines: string[], level: string) {
  return pino(
    { level, serializers: logSerializers },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
}

describe('the HTTP edges', () => {
  let desk: TestDesk;
  beforeAll(async () => {
    desk = await openTestDesk(pglite);
  });
  afterAll(() => desk?.close());

  it('answers 413 to a body over the limit, and names the field of a control character', async () => {
    const session = await signIn(desk.app, ...STANDARD_CONTACT);
    const anna = caller(desk.app, session, 'ru');
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const huge = await anna('POST', '/api/v1/tickets', { subject: 'x', description: 'я'.repeat(1_600_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'body_too_large', title: expect.stringContaining('1024 КБ') });
    expect(huge.headers['content-type']).toContain('application/problem+json');
    const nul = await anna('POST', '/api/v1/tickets', {
      instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
      severity: 'high',
      subject: 'Тема с\u0000нулём',
      description: 'Описание',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({
      code: 'validation_failed',
      field: 'subject',
      errors: [{ field: 'subject', message: expect.stringMatching(/управляющие символы/) }],
    });
    expect(nul.headers['x-content-type-options']).toBe('nosniff');
  });

  it('keeps /metrics closed without a token unless an operator opens it', async () => {
    expect((await desk.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(403);
    const open = await openTestDesk(pglite, { METRICS_PUBLIC: 'true' });
    try {
      const metrics = await open.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toContain('supportdesk_http_request_duration_seconds');
    } finally {
      await open.close();
    }
  });

  it('logs a failed query without its parameters', () => {
    const lines: string[] = [];
    const logger = capturingLogger(lines, 'info');
    return (async () => {
      const { DrizzleQueryError } = await import('drizzle-orm');
      const failure = new DrizzleQueryError(
        'select * from sessions where token_hash = $1',
        ['secret-digest'],
        new Error('boom'),
      );
      logger.error({ err: failure }, 'request failed');
      expect(lines.join('')).toContain('boom');
      expect(lines.join('')).not.toContain('secret-digest');
    })();
  });
});

describe.runIf(serverUrl)('a database that goes away or hangs, on postgres', () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  const logged: string[] = [];

  beforeAll(async () => {
    const created = await createPostgresDatabase(serverUrl as string);
    drop = created.drop;
    const target = new URL(created.url);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
    target.host = `127.0.0.1:${proxy.port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-outage-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: target.toString(),
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '1000',
    });
    database = await openDatabase(config.database);
    await database.migrate();
    const ctx = createAppContext(database.db, config, new ManualClock(DEMO_NOW));
    await loadDemoData(ctx);
    const logger = capturingLogger(logged, 'warn');
    app = await buildHttpApp({ ctx, database, config, logger });
    await app.ready();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await proxy?.stop();
    await drop?.();
  });

  it('answers 503 database_unavailable with Retry-After while the server is away, and works again after', async () => {
    const session = await signIn(app, ...STANDARD_CONTACT);
    proxy.cut();
    const away = await app.inject({
      method: 'GET',
      url: '/api/v1/tickets',
      headers: { cookie: session.cookie, 'accept-language': 'ru' },
    });
    expect(away.statusCode).toBe(503);
    expect(away.json()).toMatchObject({
      code: 'database_unavailable',
      title: expect.stringMatching(/недоступна/),
    });
    expect(away.headers['retry-after']).toBe('5');
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(503);
    expect(logged.join('')).not.toMatch(/params/);
    proxy.restore();
    await expect
      .poll(async () => (await app.inject({ method: 'GET', url: '/health/ready' })).statusCode, {
        timeout: 10_000,
      })
      .toBe(200);
  });

  it('answers the readiness probe with 503 when the server hangs, instead of hanging with it', async () => {
    proxy.freeze();
    try {
      const ready = await app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'database_unreachable' });
    } finally {
      proxy.restore();
    }
  });
});

describe.runIf(serverUrl)('starting several instances at once, on postgres', () => {
  it('lets two instances migrate a new database at once: one waits, both succeed', async () => {
    const created = await createPostgresDatabase(serverUrl as string);
    try {
      const env = { DATABASE_URL: created.url };
      const [first, second] = await Promise.all([run(['db', 'migrate'], env), run(['db', 'migrate'], env)]);
      expect(first?.code, first?.stderr).toBe(0);
      expect(second?.code, second?.stderr).toBe(0);
      expect(`${first?.stderr}${second?.stderr}`).not.toMatch(/already exists/);
    } finally {
      await created.drop();
    }
  });

  it('migrates for as long as the data needs, past the statement timeout, and waits as long for another instance', async () => {
    const created = await createPostgresDatabase(serverUrl as string);
    const target = { kind: 'postgres' as const, url: created.url, statementTimeoutMs: 200 };
    const other = await openDatabase(target);
    try {
      // Another instance holds the migration lock for longer than a statement may run.
      const held = await other.tryLock(MIGRATION_LOCK);
      expect(held).not.toBeNull();
      const waiting = await openDatabase(target);
      try {
        const migrated = waiting.migrate();
        await new Promise((resolve) => setTimeout(resolve, 600));
        await held?.release();
        await migrated;
        const state = await waiting.migrationState();
        expect(state.applied).toBe(state.expected);
      } finally {
        await waiting.close();
      }
    } finally {
      await other.close();
      await created.drop();
    }
  });
});

describe('an operator error at start', () => {
  it('stops with one clear line and exit 1 when the SMTP port is taken, never half-started', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-port-'));
    try {
      const port = (taken.address() as { port: number }).port;
      const started = await run(['serve'], {
        DATA_DIR: dataDir,
        PORT: String(await freePort()),
        SMTP_LISTEN_PORT: String(port),
        LOG_LEVEL: 'silent',
        LANG: 'en_US.UTF-8',
      });
      expect(started.code).toBe(1);
      const lines = started.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`Port ${port} on 127.0.0.1 is already in use \\(SMTP_LISTEN_PORT\\)`),
      );
      expect(started.stderr).not.toMatch(/\n\s+at /);
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
