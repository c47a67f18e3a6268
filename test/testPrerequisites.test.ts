import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// A copy another user can read wherever the checkout lies, run by a Node every user can run.
const folder = mkdtempSync(join(tmpdir(), 'supportdesk-prerequisites-'));
chmodSync(folder, 0o755);
const SCRIPT = join(folder, 'testPrerequisites.mjs');
copyFileSync('scripts/testPrerequisites.mjs', SCRIPT);
chmodSync(SCRIPT, 0o644);
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;

/** The script `npm test` runs first, as a user who may not install packages. */
function asNobody(env: Record<string, string>) {
  return spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', NODE, SCRIPT], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

describe('what npm test needs from Debian', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('names the one command to run when a tool is missing and it may not install it', () => {
    const run = asNobody({
      CHROMIUM_PATH: '/nonexistent/chromium',
      DOVECOT_PATH: NODE,
      PGBOUNCER_PATH: NODE,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'npm test needs chromium, fonts-dejavu-core: run as root: apt-get update && apt-get install -y --no-install-recommends chromium fonts-dejavu-core',
    ]);
  });

  it('does nothing when everything is there', () => {
    const run = asNobody({ CHROMIUM_PATH: NODE, DOVECOT_PATH: NODE });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });
});
