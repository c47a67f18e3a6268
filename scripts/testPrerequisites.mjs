// What `npm test` needs from Debian besides Node: Chromium for the browser tests, Dovecot for the
// IMAP tests, PgBouncer and HAProxy for the several-instance tests, OpenLDAP's slapd for directory sign-in. Installed when missing and the
// user is root; otherwise one line names the command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', packages: ['chromium', 'fonts-dejavu-core'] },
  { path: process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot', packages: ['dovecot-imapd'] },
  { path: process.env.PGBOUNCER_PATH ?? '/usr/sbin/pgbouncer', packages: ['pgbouncer'] },
  { path: process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy', packages: ['haproxy'] },
  { path: process.env.SLAPD_PATH ?? '/usr/sbin/slapd', packages: ['slapd'] },
];

const missing = NEEDED.filter((tool) => !existsSync(tool.path)).flatMap((tool) => tool.packages);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    process.stderr.write(`npm test needs ${missing.join(', ')}: run as root: ${command}\n`);
    process.exit(1);
  }
  process.stdout.write(`installing what the tests need: ${missing.join(' ')}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) {
      process.stderr.write(`npm test needs ${missing.join(', ')}; this failed: ${command}\n`);
      process.exit(1);
    }
  }
}
