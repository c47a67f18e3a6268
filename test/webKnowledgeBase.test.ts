import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { deskInBrowser } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  type Caller,
  caller,
  DEMO_NOW,
  demoWorld,
  STANDARD_CONTACT,
  signIn,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** Markdown a vendor might paste, with every trick that would run in a reader's browser if let through. */
const HOSTILE = [
  '## Обновление до 4.3',
  '',
  '**Важно:** остановите службу перед `install`.',
  '',
  '<script>window.__ran = "script"</script>',
  '',
  '<img src="x" onerror="window.__ran = \'onerror\'">',
  '',
  "[Подробнее](javascript:window.__ran='link') · [Портал](https://docs.vendor.example/portal)",
  '',
  '![схема](https://docs.vendor.example/scheme.png) ![счётчик](https://tracker.example/pixel.gif)',
  '',
  '<iframe src="https://evil.example"></iframe><b onclick="window.__ran=\'click\'">жирный</b>',
].join('\n');

/** Documentation and release notes as a customer finds and reads them in Debian's Chromium. */
describe('the knowledge base in a real browser', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let anna: Page;
  let admin: Caller;

  beforeAll(async () => {
    desk = await deskInBrowser(pglite, { MARKDOWN_IMAGE_HOSTS: 'docs.vendor.example' });
    const { app } = desk.desk;
    const adminSession = await signIn(app, ...ADMIN);
    admin = caller(app, adminSession);
    const world = await demoWorld(app, adminSession);
    const esb = world.products.find((product) => product.code === 'ESB')?.id;
    const page = await admin('POST', '/api/v1/documentation', {
      productId: esb,
      title: 'Обновление',
      body: HOSTILE,
    });
    expect(page.statusCode, page.body).toBe(201);
    const release = await admin('POST', '/api/v1/releases', {
      productId: esb,
      version: '4.3.0',
      releasedOn: '2026-11-20',
      notes: HOSTILE,
    });
    expect(release.statusCode, release.body).toBe(201);
    anna = await desk.signedIn(STANDARD_CONTACT);
    // Images are not fetched from outside the machine: every request leaving it is answered empty here.
    await anna.route(/^https:\/\//, (route) => route.fulfill({ status: 204, body: '' }));
  });

  afterAll(async () => {
    await desk?.close();
  });

  /** The little of the DOM the inspection reads (the tests compile without the DOM's types). */
  interface RenderedElement {
    textContent: string | null;
    attributes: ArrayLike<{ name: string }>;
    getAttribute(name: string): string | null;
    querySelector(selector: string): RenderedElement | null;
    querySelectorAll(selector: string): ArrayLike<RenderedElement>;
  }

  /** What the rendered text holds that could run, and what it should hold. */
  const inspect = (page: Page) =>
    page
      .getByTestId('markdown')
      .first()
      .evaluate((element) => {
        const root = element as unknown as RenderedElement;
        return {
          ran: (globalThis as unknown as { __ran?: string }).__ran ?? null,
          heading: root.querySelector('h2')?.textContent ?? null,
          strong: root.querySelector('strong')?.textContent ?? null,
          scripts: root.querySelectorAll('script, iframe').length,
          handlers: Array.from(root.querySelectorAll('*')).filter((element) =>
            Array.from(element.attributes).some((attribute) => attribute.name.startsWith('on')),
          ).length,
          hrefs: Array.from(root.querySelectorAll('a')).map((link) => link.getAttribute('href')),
          images: Array.from(root.querySelectorAll('img')).map((image) => image.getAttribute('src')),
          text: root.textContent ?? '',
        };
      });

  const expectInert = (seen: Awaited<ReturnType<typeof inspect>>) => {
    expect(seen.ran).toBeNull();
    expect(seen.heading).toBe('Обновление до 4.3');
    expect(seen.strong).toBe('Важно:');
    expect(seen.scripts).toBe(0);
    expect(seen.handlers).toBe(0);
    expect(seen.hrefs.some((href) => href?.startsWith('javascript:'))).toBe(false);
    expect(seen.hrefs).toContain('https://docs.vendor.example/portal');
    // An image of an allowed host is shown; the tracker's is a link to it.
    expect(seen.images).toEqual(['https://docs.vendor.example/scheme.png']);
    expect(seen.hrefs).toContain('https://tracker.example/pixel.gif');
    // The tricks are there to read, as text.
    expect(seen.text).toContain('<script>window.__ran = "script"</script>');
  };

  it('renders a documentation page with nothing in it that can run', async () => {
    await anna.goto('/documentation');
    await anna.getByRole('button', { name: /Обновление/ }).click();
    await anna.getByTestId('markdown').first().waitFor();
    expectInert(await inspect(anna));
    await anna.getByText('жирный').first().click();
    expect(await anna.evaluate(() => (globalThis as unknown as { __ran?: string }).__ran ?? null)).toBeNull();
    expect(await accessibilityViolations(anna)).toEqual([]);
  });

  it('suggests the page while the customer types a new request’s subject, and opens it', async () => {
    await anna.goto('/requests/new');
    await anna.getByRole('textbox', { name: 'Тема' }).fill('Обновление не ставится');
    const suggested = anna.getByRole('complementary', { name: 'Возможно, ответ уже есть в документации:' });
    await suggested.getByRole('link', { name: 'ESB: Обновление' }).click();
    await anna.waitForURL(/\/documentation#/);
    await anna.getByTestId('markdown').first().getByRole('heading', { name: 'Обновление до 4.3' }).waitFor();
    expect(await accessibilityViolations(anna)).toEqual([]);
    // The open is counted for the deflection report, with what was being typed.
    const today = DEMO_NOW.toISOString().slice(0, 10);
    await expect
      .poll(async () => (await admin('GET', `/api/v1/reports/deflection?from=${today}&to=${today}`)).json())
      .toEqual([expect.objectContaining({ page: 'Обновление', opened: 1 })]);
  });

  it('renders release notes the same way', async () => {
    await anna.goto('/releases');
    await anna.getByTestId('markdown').first().waitFor();
    expectInert(await inspect(anna));
  });
});
