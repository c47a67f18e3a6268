import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import pg from 'pg';

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  return typeof address === 'object' && address ? address.port : 0;
}

/** A database of the benchmark's own on the server at serverUrl, dropped (with its connections) after. */
export async function benchDatabase(serverUrl: string, prefix: string) {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The desk as its own process, in demo mode, as in production; resolves once it serves. */
export async function startDesk(env: Record<string, string>) {
  const child: ChildProcessByStdio<null, Readable, null> = spawn(
    process.execPath,
    ['bin/supportdesk.js', 'serve', '--demo'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // A benchmark that fails midway must not leave its desk holding the ports for the next run.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Demo sign-ins')) resolve();
    });
    child.once('close', () => reject(new Error(`the desk exited:\n${output}`)));
  });
  return {
    pid: child.pid ?? 0,
    async stop() {
      process.off('exit', orphaned);
      child.kill('SIGTERM');
      await once(child, 'close');
    },
  };
}

/**
 * The CPU time a process has used, in milliseconds (Linux's /proc, in clock ticks of 10 ms). Beside a
 * latency, which follows how busy this shared machine's host is, the desk's CPU per answer shows what a
 * change to the code did.
 */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const [userTicks, systemTicks] = [Number(fields[11]), Number(fields[12])];
  if (!Number.isFinite(userTicks) || !Number.isFinite(systemTicks)) throw new Error(`no CPU time for ${pid}`);
  return (userTicks + systemTicks) * 10;
}

/** Signs in over HTTP as a browser does: the session cookie and the CSRF token writes need. */
export async function signInOverHttp(base: string, email: string, password: string) {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${email} answered ${login.status}`);
  const body = (await login.json()) as { csrfToken: string };
  return { cookie: login.headers.get('set-cookie')?.split(';')[0] ?? '', csrfToken: body.csrfToken };
}

/**
 * A desk that serves only (ROLE=web), on the benchmark's database: its sweeps would take seeded
 * requests' long-passed deadlines for breaches to announce, and the benchmark would time the outbox.
 */
export const servingOnly = (databaseUrl: string, port: number) => ({
  DATABASE_URL: databaseUrl,
  PORT: String(port),
  LOG_LEVEL: 'warn',
  SMTP_LISTEN: 'false',
  ROLE: 'web',
});

/** Runs a `supportdesk` command of the build (`token create`, say) and answers what it printed. */
export async function runCli(cli: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['bin/supportdesk.js', ...cli], { env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`supportdesk ${cli.join(' ')} failed:\n${output}`);
  return output.trim();
}

/** The request every createTicket benchmark files, over and over, as a program with a token would. */
export function createTicketLoad(url: string, token: string, instanceId: string, connections: number) {
  return {
    url,
    method: 'POST' as const,
    connections,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      instanceId,
      severity: 'high',
      subject: 'Очередь сообщений не обрабатывается',
      description: 'После обновления сообщения копятся в очереди.',
    }),
  };
}

/** A load run whose requests did not all succeed measured nothing: it stops the benchmark, loudly. */
export function requireAllAnswered(
  result: { '2xx': number; non2xx: number; errors: number; timeouts: number },
  what: string,
) {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result['2xx'] === 0) {
    throw new Error(
      `${what}: ${result['2xx']} answered, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
}
