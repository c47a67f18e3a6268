import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs the `supportdesk` command from source, as `npx supportdesk` would from the build. */
const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], env: Record<string, string>, stdin = ''): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface Served {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `supportdesk serve` and waits until it says it is listening. */
export async function serve(args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [...CLI, 'serve', ...args], { env: { ...process.env, ...env } });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Supportdesk is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.on('close', () => reject(new Error(`server exited:\n${output}`)));
  });
  return { child, output: () => output, exited };
}
