/**
 * What each area of the web app makes a browser download, measured in Debian's Chromium against the
 * desk in demo mode: the scripts and styles a fresh visit loads, in gzip bytes (each file at level 9)
 * and in brotli (what the desk sends browsers that take it). Target: sign-in and the portal home at
 * most 200 KB of gzipped script. BENCH_LIST=1 lists the files. Then, with 100,000 requests stored, how
 * long a request takes to show its content when opened from the queue (click to subject and description
 * on screen; target p95 under 300 ms). Last line: one JSON object.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../src/db/database.js';
import { WEB_ROOT } from '../../src/http/web.js';
import { launchBrowser, newPerson, signInAs } from '../../test/support/browser.js';
import { freePort, signInOverHttp, startDesk } from '../support/desk.js';
import { percentile } from '../support/percentile.js';

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
  area: string,
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
      if (process.env.BENCH_LIST) out(`  ${area} ${new URL(asset.url).pathname} ${gzip}`);
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

const STORED_REQUESTS = Number(process.env.BENCH_STORED_REQUESTS ?? 100_000);
const OPENINGS = Number(process.env.BENCH_OPENINGS ?? 40);

/** Fills the embedded database with requests, the first one a real one as their template, while no desk runs. */
async function storeRequests(dataDir: string) {
  const handle = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
  try {
    await handle.db.execute(sql`insert into tickets (number, organization_id, contact_id, instance_id, certificate_id,
        level, policy_version, channel, category, subject, description, severity, status, registered_at,
        response_due_at, response_warn_at, first_response_at)
      select 'SD-2025-' || lpad(i::text, 7, '0'), t.organization_id, t.contact_id, t.instance_id, t.certificate_id,
        t.level, t.policy_version, t.channel, t.category, 'Stored request ' || i, 'Stored for the benchmark ' || i,
        (array['critical','high','medium','low'])[1 + i % 4]::severity,
        (array['new','in_progress','waiting_for_customer','resolved','closed'])[1 + i % 5]::ticket_status,
        now() - (i || ' minutes')::interval, now() + ((i % 20000) || ' minutes')::interval,
        now() + ((i % 20000) || ' minutes')::interval - interval '1 hour',
        case when i % 3 = 0 then now() else null end
      from generate_series(1, ${STORED_REQUESTS}::int) as i,
        (select organization_id, contact_id, instance_id, certificate_id, level, policy_version, channel, category
         from tickets order by created_at limit 1) as t`);
    await handle.db.execute(sql`vacuum analyze tickets`);
  } finally {
    await handle.close();
  }
}

/** A contact files one request as the portal does: the template every stored request is copied from. */
async function fileOneRequest(base: string) {
  const { cookie, csrfToken } = await signInOverHttp(base, ...CONTACT);
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const me = (await (await fetch(`${base}/api/v1/me`, { headers })).json()) as {
    principal: { organizationId: string };
  };
  const organization = (await (
    await fetch(`${base}/api/v1/organizations/${me.principal.organizationId}`, { headers })
  ).json()) as { instances: { id: string; name: string }[] };
  const instanceId = organization.instances.find((instance) => instance.name === 'esb-prod-spb')?.id;
  const filed = await fetch(`${base}/api/v1/tickets`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ instanceId, severity: 'high', subject: 'Template', description: 'Template' }),
  });
  if (filed.status !== 201)
    throw new Error(`filing the template request answered ${filed.status}: ${await filed.text()}`);
}

/** What the page itself sees of one opening: from the click to the request on screen (the next frame). */
interface PageWindow {
  document: {
    addEventListener(type: 'click', listener: () => void, options: { capture: boolean; once: boolean }): void;
    querySelector(selector: string): { textContent: string | null } | null;
    querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }>;
    body: object;
  };
  MutationObserver: new (
    callback: () => void,
  ) => { observe(target: object, options: object): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  performance: { now(): number };
  opening?: Promise<number>;
}

/** Arms the page to time the next click until the request numbered so shows its subject and description. */
function armOpening(number: string) {
  const view = globalThis as unknown as PageWindow;
  view.opening = new Promise<number>((resolve) => {
    let clickedAt = 0;
    view.document.addEventListener(
      'click',
      () => {
        clickedAt = view.performance.now();
      },
      { capture: true, once: true },
    );
    const shown = () =>
      clickedAt > 0 &&
      (view.document.querySelector('[data-testid="ticket-number"]')?.textContent ?? '').includes(number) &&
      Array.from(view.document.querySelectorAll('h2, h3, h4')).some(
        (heading) => heading.textContent === 'Описание',
      );
    const observer = new view.MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      view.requestAnimationFrame(() => resolve(view.performance.now() - clickedAt));
    });
    observer.observe(view.document.body, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * Opens requests from the queue one after another, as an agent works it: the time from the click to the
 * request's subject and description on screen, measured by the page itself (the click's event to the
 * frame after they are in the document), and, beside it, as the driving browser sees it (which adds its
 * own round trips). The first opening, which also loads the console's code, apart from the rest.
 */
async function openingTimes(browser: Browser, baseURL: string) {
  const { context, page } = await newPerson(browser, baseURL);
  try {
    await signInAs(page, ...AGENT);
    const inPage: number[] = [];
    const driven: number[] = [];
    const queueStarted = performance.now();
    await page.getByTestId('request-table').waitFor({ timeout: 120_000 });
    out(`the queue's first page on screen after ${Math.round(performance.now() - queueStarted)} ms`);
    await page.goto('/');
    // tsx names the functions it compiles through a helper of its own, which the page lacks.
    await page.evaluate('globalThis.__name = (target) => target');
    for (let index = 0; index < OPENINGS; index += 1) {
      // Back to the queue as an agent goes back, within the app: the page is not loaded again.
      if (index > 0) await page.goBack();
      const links = page.getByTestId('request-table').getByRole('link', { name: /^SD-/ });
      await links.first().waitFor({ timeout: 120_000 });
      const link = links.nth(index % Math.min(await links.count(), 20));
      const number = (await link.textContent()) ?? '';
      await page.evaluate(armOpening, number);
      const began = performance.now();
      await link.click();
      await page.getByTestId('ticket-number').filter({ hasText: number }).waitFor();
      await page.getByRole('heading', { name: 'Описание' }).waitFor();
      driven.push(performance.now() - began);
      inPage.push(await page.evaluate(() => (globalThis as unknown as PageWindow).opening ?? -1));
    }
    if (inPage.some((ms) => ms < 0)) throw new Error('an opening was not timed by the page');
    const summary = (times: number[]) => {
      const [first = 0, ...rest] = times;
      rest.sort((a, b) => a - b);
      return {
        firstMs: Math.round(first),
        p50Ms: Math.round(percentile(rest, 0.5)),
        p95Ms: Math.round(percentile(rest, 0.95)),
      };
    };
    return { ...summary(inPage), driven: summary(driven) };
  } finally {
    await context.close();
  }
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'supportdesk-bench-web-'));
  const port = await freePort();
  const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  // Started once to make the database, its demo data and one real request (the stored ones' template),
  // then stopped while the requests are stored.
  const first = await startDesk(env);
  await fileOneRequest(`http://127.0.0.1:${port}`);
  await first.stop();
  await storeRequests(dataDir);
  const desk = await startDesk(env);
  const browser = await launchBrowser();
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    const areas: Record<string, Load> = {
      signIn: await measure(browser, baseURL, 'signIn', '/', (page) =>
        page.getByLabel(/Электронная почта/).waitFor(),
      ),
      portalHome: await measure(
        browser,
        baseURL,
        'portalHome',
        '/',
        (page) => page.getByTestId('principal-name').waitFor(),
        CONTACT,
      ),
      consoleQueue: await measure(
        browser,
        baseURL,
        'consoleQueue',
        '/',
        (page) => page.getByTestId('principal-name').waitFor(),
        AGENT,
      ),
      reports: await measure(
        browser,
        baseURL,
        'reports',
        '/reports',
        (page) => page.getByRole('heading', { level: 1 }).waitFor(),
        AGENT,
      ),
    };
    const opening = await openingTimes(browser, baseURL);
    out(
      `opening a request from the queue (${STORED_REQUESTS} stored, ${OPENINGS} openings), click to content on screen ` +
        `as the page sees it: first ${opening.firstMs} ms, then p50 ${opening.p50Ms} ms, p95 ${opening.p95Ms} ms; ` +
        `as the driving browser sees it: first ${opening.driven.firstMs} ms, then p50 ${opening.driven.p50Ms} ms, ` +
        `p95 ${opening.driven.p95Ms} ms`,
    );
    const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
    for (const [area, load] of Object.entries(areas)) {
      out(
        `${area}: script ${kb(load.scriptGzip)} KB gzip (${kb(load.scriptBrotli)} KB as brotli), styles ${kb(load.styleGzip)} KB gzip`,
      );
    }
    out(
      JSON.stringify({
        ...Object.fromEntries(Object.entries(areas).map(([area, load]) => [area, kb(load.scriptGzip)])),
        openRequest: opening,
      }),
    );
  } finally {
    await browser.close();
    await desk.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
