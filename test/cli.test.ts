import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, run, serve } from './support/cli.js';

/** The migrations this version ships, as drizzle-kit's journal lists them. */
const SHIPPED_MIGRATIONS = JSON.parse(
  readFileSync(new URL('../src/db/migrations/meta/_journal.json', import.meta.url), 'utf8'),
).entries.length;

import { createPostgresDatabase } from './support/databases.js';

const targets: {
  name: string;
  env: () => Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}[] = [
  {
    name: 'pglite',
    async env() {
      const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-cli-'));
      return {
        env: { DATA_DIR: dataDir },
        cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    },
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres',
          async env() {
            const database = await createPostgresDatabase(process.env.TEST_DATABASE_URL as string);
            return { env: { DATABASE_URL: database.url }, cleanup: database.drop };
          },
        },
      ]
    : []),
];

describe.each(targets)('the supportdesk command on $name', (target) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const prepared = await target.env();
    env = { ...prepared.env, LOG_LEVEL: 'info' };
    cleanup = prepared.cleanup;
  });
  afterAll(() => cleanup?.());

  it('serves the demo, reports health and metrics, and stops cleanly on SIGTERM', async () => {
    const port = String(await freePort());
    // The SMTP listener takes any free port: 2525 may be a running desk's.
    const metricsToken = 'metrics-token-for-the-test';
    const server = await serve(['--demo'], {
      ...env,
      PORT: port,
      SMTP_LISTEN_PORT: '0',
      METRICS_TOKEN: metricsToken,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      await expect.poll(() => server.output()).toContain('Demo sign-ins (demo mode only):');
      expect(server.output()).toContain('admin@supportdesk.example');
      expect(await (await fetch(`${base}/health/live`)).json()).toEqual({ status: 'live' });
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ready',
        migrations: { applied: SHIPPED_MIGRATIONS, expected: SHIPPED_MIGRATIONS },
      });
      const docs = await fetch(`${base}/api/docs/`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@supportdesk.example', password: 'admin-demo-2026' }),
      });
      expect(login.status).toBe(200);
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      const metricsAnswer = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${metricsToken}` },
      });
      expect(metricsAnswer.headers.get('x-content-type-options')).toBe('nosniff');
      const metrics = await metricsAnswer.text();
      expect(metrics).toContain('supportdesk_outbox_pending{topic="notice.inapp"}');
      expect(metrics).toContain('supportdesk_job_pass_duration_seconds_count{job="sla-watch",result="ok"}');
      expect(metrics).toMatch(
        /supportdesk_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/auth\/login"[^}]*\} 1/,
      );
      expect(server.output()).not.toContain('admin-demo-2026"');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('serves in production mode without loading anything, warning about the demo accounts', async () => {
    const port = String(await freePort());
    const server = await serve([], { ...env, PORT: port });
    try {
      expect(server.output()).toContain('demo accounts with published passwords exist');
      expect(server.output()).not.toContain('Demo sign-ins');
      const organizations = await fetch(`http://127.0.0.1:${port}/api/v1/organizations`);
      expect(organizations.status).toBe(401);
      if (target.name === 'pglite') {
        const alongside = await run(['calendar', 'show', '2026-05'], env);
        expect(alongside.code).toBe(1);
        expect(alongside.stderr).toMatch(/embedded database in .* is in use by process \d+/);
      }
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  });

  it('migrates, creates a support account from standard input and issues it a token', async () => {
    const migrated = await run(['db', 'migrate'], env);
    expect(migrated.stdout).toContain(`${SHIPPED_MIGRATIONS} of ${SHIPPED_MIGRATIONS} migrations applied`);

    const agent = await run(
      [
        'agent',
        'create',
        '--email',
        'Olga.Lebedeva@supportdesk.example',
        '--name',
        'Ольга Лебедева',
        '--role',
        'agent',
      ],
      env,
      'a-long-enough-password\n',
    );
    expect(agent.code, agent.stderr).toBe(0);
    expect(agent.stdout).toContain('created agent olga.lebedeva@supportdesk.example');

    const again = await run(
      [
        'agent',
        'create',
        '--email',
        'olga.lebedeva@supportdesk.example',
        '--name',
        'Дубль',
        '--role',
        'agent',
      ],
      env,
      'a-long-enough-password\n',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'email: The e-mail address olga.lebedeva@supportdesk.example is already used',
    );

    const weak = await run(
      ['agent', 'create', '--email', 'x@supportdesk.example', '--name', 'X', '--role', 'agent'],
      env,
      'short\n',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: The password must be 12 to 256 characters long.');
    const russian = await run(
      ['agent', 'create', '--email', 'not-an-email', '--name', 'X', '--role', 'agent'],
      { ...env, LANG: 'ru_RU.UTF-8' },
      'short\n',
    );
    expect(russian.code).toBe(1);
    expect(russian.stderr).toContain('email: Укажите адрес электронной почты, например name@example.ru.');
    expect(russian.stderr).toContain('password: Пароль должен содержать от 12 до 256 символов.');

    const token = await run(
      ['token', 'create', '--email', 'olga.lebedeva@supportdesk.example', '--name', 'ci'],
      env,
    );
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim()).toMatch(/^sdt_[A-Za-z0-9_-]{43}$/);

    const listed = await run(['token', 'list', '--email', 'olga.lebedeva@supportdesk.example'], env);
    expect(listed.stdout).toMatch(/ ci {2}created .* never used {2}active/);
    expect(listed.stdout).not.toContain(token.stdout.trim());
    const tokenId = listed.stdout.split(' ')[0] ?? '';
    const revoked = await run(['token', 'revoke', tokenId], env);
    expect(revoked.stdout).toContain(`revoked ${tokenId}`);
    expect(
      (await run(['token', 'list', '--email', 'olga.lebedeva@supportdesk.example'], env)).stdout,
    ).toContain('revoked 2');
    const twice = await run(['token', 'revoke', tokenId], env);
    expect(twice.code).toBe(1);
  });
});

describe('configuration errors', () => {
  it('stop the start with the name of the bad variable', async () => {
    const result = await run(['serve'], { PORT: 'eighty', SESSION_TTL_HOURS: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toContain('PORT: must be an integer from 1 to 65535');
    expect(result.stderr).toContain('SESSION_TTL_HOURS: must be an integer from 1 to 720');
  });
});
