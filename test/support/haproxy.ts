import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli.js';

export const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/**
 * Debian's HAProxy on a loopback port in front of desk instances, as docs/deployment.md configures
 * it: round robin, /health/ready checked every 500 ms, an instance out after two failed checks.
 * Only a request that never reached an instance is sent to another (HAProxy's default retry-on
 * conn-failure): a POST an instance may have begun is the client's to retry, with its key.
 */
export async function startHaproxy(backendPorts: readonly number[]) {
  const directory = mkdtempSync(join(tmpdir(), 'supportdesk-haproxy-'));
  const port = await freePort();
  const configFile = join(directory, 'haproxy.cfg');
  writeFileSync(
    configFile,
    [
      'global',
      '  maxconn 2000',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  retries 3',
      '  option redispatch',
      '  option forwardfor',
      'frontend desk',
      `  bind 127.0.0.1:${port}`,
      '  default_backend desks',
      'backend desks',
      '  balance roundrobin',
      '  option httpchk GET /health/ready',
      '  http-check expect status 200',
      '  default-server inter 500ms fall 2 rise 1',
      ...backendPorts.map((backend, index) => `  server desk${index + 1} 127.0.0.1:${backend} check`),
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`HAProxy exited:\n${errors}`);
    const answered = await fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) break;
    if (tries > 100) throw new Error(`HAProxy did not start:\n${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'close');
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
