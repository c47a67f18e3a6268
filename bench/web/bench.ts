/**
 * What each area of the web app makes a browser download, measured in Debian's Chromium against the
 * desk in demo mode: the scripts and styles a fresh visit loads, in gzip bytes (each file at level 9)
 * and in brotli (what the desk sends browsers that take it). Target: sign-in and the portal home at
 * most 200 KB of gzipped script. BENCH_LIST=1 lists the files. Last line: one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/http/web.js';
import { launchBrowser, newPerson, signInAs } from '../../test/support/browser.js';
import { freePort, startDesk } from '../support/desk.js';

const CONTACT = ['anna.petrova@baltlog.example', 'contact-demo-2026'] as const;
const AGENT = ['irina.sokolova@supportdesk.example', 'agent-demo-2026'] as const;
const out = (line: string) => process.stdout.write(`${line}\n`);

interface Load {
  scriptGzip: number;
  scriptBrotli: number;
  styleGzip: number;
}

/** Opens a page in a fresh profile (signed in first when a person is named) and adds up what it loaded. */
async function measure(
  browser: Browser,
  baseURL: string,
  path: string,
  ready: (page: Page) => Promise<unknown>,
  person?: readonly [string, string],
): Promise<Load> {
  const { context, page } = await newPerson(browser, baseURL);
  try {
    if (person) await signInAs(page, ...person);
    const assets: { url: string; type: string }[] = [];
    // Only this visit counts: a new page in the same profile, with the browser cache off.
    const visit = await context.newPage();
    const session = await context.newCDPSession(visit);
    await session.send('Network.setCacheDisabled', { cacheDisabled: true });
    visit.on('requestfinished', (request) => {
      const type = request.resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      assets.push({ url: request.url(), type });
    });
    await visit.goto(path);
    await ready(visit);
    await visit.waitForLoadState('networkidle');
    const load: Load = { scriptGzip: 0, scriptBrotli: 0, styleGzip: 0 };
    for (const asset of assets) {
      const file = join(WEB_ROOT, new URL(asset.url).pathname);
      const content = readFileSync(file);
      const gzip = gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length;
      if (process.env.BENCH_LIST) out(`  ${path} ${new URL(asset.url).pathname} ${gzip}`);
      if (asset.type === 'script') {
        load.scriptGzip += gzip;
        load.scriptBrotli += brotliCompressSync(content).length;
      } else load.styleGzip += gzip;
    }
    return load;
  } finally {
    await context.close();
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-bench-web-'));
  const port = await freePort();
  const desk = await startDesk({
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const browser = await launchBrowser();
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    const areas: Record<string, Load> = {
      signIn: await measure(browser, baseURL, '/', (page) => page.getByLabel(/Электронная почта/).waitFor()),
      portalHome: await measure(
        browser,
        baseURL,
        '/',
        (page) => page.getByTestId('principal-name').waitFor(),
        CONTACT,
      ),
      consoleQueue: await measure(
        browser,
        baseURL,
        '/',
        (page) => page.getByTestId('principal-name').waitFor(),
        AGENT,
      ),
      reports: await measure(
        browser,
        baseURL,
        '/reports',
        (page) => page.getByRole('heading', { level: 1 }).waitFor(),
        AGENT,
      ),
    };
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
    for (const [area, load] of Object.entries(areas)) {
      out(
        `${area}: script ${kb(load.scriptGzip)} KB gzip (${kb(load.scriptBrotli)} KB as brotli), styles ${kb(load.styleGzip)} KB gzip`,
      );
    }
    out(
      JSON.stringify(
        Object.fromEntries(Object.entries(areas).map(([area, load]) => [area, kb(load.scriptGzip)])),
      ),
    );
  } finally {
    await browser.close();
    await desk.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
