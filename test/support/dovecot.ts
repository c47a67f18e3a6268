import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The user that owns the test mailboxes: Debian's nobody. */
const MAIL_UID = 65_534;

/** Debian's Dovecot, as .ci/run installs it; DOVECOT_PATH names another. */
export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/**
 * A real IMAP server of the test's own: Dovecot in the foreground with a configuration, users and
 * maildirs in a temporary folder, listening on a free loopback port, with plain passwords (loopback only).
 */
export async function startDovecot(
  users: Record<string, string>,
): Promise<{ port: number; restart(): Promise<void>; stop(): Promise<void> }> {
  if (!existsSync(DOVECOT)) {
    throw new Error(
      `no Dovecot at ${DOVECOT}: install it (apt-get install dovecot-imapd) or set DOVECOT_PATH`,
    );
  }
  const root = mkdtempSync(join(tmpdir(), 'supportdesk-dovecot-'));
  // Dovecot's auth process runs as its own user and must reach the password file.
  chmodSync(root, 0o755);
  const port = await freePort();
  for (const folder of ['run', 'state', 'home']) mkdirSync(join(root, folder));
  // Dovecot never reads mail as root: the mailboxes belong to nobody.
  chownSync(join(root, 'home'), MAIL_UID, MAIL_UID);
  writeFileSync(
    join(root, 'passwd'),
    Object.entries(users)
      .map(([user, password]) => `${user}:{PLAIN}${password}`)
      .join('\n'),
  );
  writeFileSync(
    join(root, 'dovecot.conf'),
    `
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${root}/home/%u/Maildir
default_internal_user = dovecot
default_login_user = dovenull
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${root}/passwd
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_UID} home=${root}/home/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`,
  );
  const launch = async (): Promise<ChildProcess> => {
    const started = spawn(DOVECOT, ['-F', '-c', join(root, 'dovecot.conf')], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const ready = await new Promise<boolean>((resolve) => {
        const socket = createServer();
        socket.once('error', () => resolve(true));
        socket.listen(port, '127.0.0.1', () => socket.close(() => resolve(false)));
      });
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return started;
  };
  const halt = async (running: ChildProcess) => {
    running.kill('SIGTERM');
    await new Promise((resolve) => running.once('exit', resolve));
  };
  let child = await launch();
  return {
    port,
    /** The server goes down (every connection with it) and comes back on the same port and mailboxes. */
    async restart() {
      await halt(child);
      child = await launch();
    },
    async stop() {
      await halt(child);
      if (!process.env.KEEP_DOVECOT) rmSync(root, { recursive: true, force: true });
    },
  };
}
