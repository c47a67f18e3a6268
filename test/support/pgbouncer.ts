import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli.js';

export const PGBOUNCER = process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer';

/** Debian's PgBouncer in transaction pooling mode in front of a database, on a loopback port. */
export async function startPgBouncer(databaseUrl: string) {
  const target = new URL(databaseUrl);
  const directory = mkdtempSync(join(tmpdir(), 'supportdesk-pgbouncer-'));
  const port = await freePort();
  const database = target.pathname.slice(1);
  const user = decodeURIComponent(target.username || 'postgres');
  writeFileSync(join(directory, 'users.txt'), `"${user}" ""\n`, { mode: 0o644 });
  writeFileSync(
    join(directory, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${target.hostname} port=${target.port || 5432} dbname=${database} user=${user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = trust',
      `auth_file = ${join(directory, 'users.txt')}`,
      'pool_mode = transaction',
      'default_pool_size = 4',
      'max_client_conn = 200',
      // A statement timeout is a session setting the desk's pool sends; the pooler passes it on.
      'ignore_startup_parameters = extra_float_digits,statement_timeout',
      'unix_socket_dir =',
    ].join('\n'),
    { mode: 0o644 },
  );
  // PgBouncer will not run as root: as root (CI), it is started as nobody, who must read its files.
  chmodSync(directory, 0o755);
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(
    PGBOUNCER,
    [...(asRoot ? ['-u', 'nobody'] : []), join(directory, 'pgbouncer.ini')],
    { stdio: 'ignore' },
  );
  for (let tries = 0; ; tries += 1) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) break;
    if (tries > 100) throw new Error('PgBouncer did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url: `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`,
    async stop() {
      child.kill('SIGTERM');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
