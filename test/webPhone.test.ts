import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { launchBrowser, newPerson, PHONE, signInAs } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The portal and the console on a phone (375 px), in Debian's Chromium. */
describe('the desk on a phone', () => {
  let desk: TestDesk;
  let browser: Browser;
  let anna: Page;
  let irina: Page;
  let number: string;

  beforeAll(async () => {
    desk = await openTestDesk(pglite);
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const customer = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    number = (
      await fileOnBaltlog(customer, world, 'Очередь сообщений orders.in не обрабатывается после обновления')
    ).number;
    browser = await launchBrowser();
    const baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    anna = (await newPerson(browser, baseURL, 'ru-RU', PHONE)).page;
    irina = (await newPerson(browser, baseURL, 'ru-RU', PHONE)).page;
    await signInAs(anna, ...STANDARD_CONTACT);
    await signInAs(irina, ...AGENT);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  /** Whether anything on the page is wider than the screen: the page would scroll sideways. */
  const overflow = (page: Page) =>
    page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });

  /** The request's card, with its status and its due time inside the screen. */
  const expectCardShowsStatusAndDue = async (page: Page) => {
    const card = page.locator(`[data-ticket="${number}"]`);
    await card.waitFor();
    for (const part of [card.getByText('Новый'), card.getByTestId('card-due')]) {
      const box = await part.first().boundingBox();
      expect(box).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    }
    expect(await card.getByTestId('card-due').textContent()).toMatch(/\d\d\.\d\d\.\d{4}/);
  };

  it('lists the customer’s requests as cards with status and due time, nothing scrolling sideways', async () => {
    await anna.goto('/requests');
    await expectCardShowsStatusAndDue(anna);
    expect(await anna.getByTestId('request-table').count()).toBe(0);
    expect(await overflow(anna)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(anna)).toEqual([]);
    await anna.locator(`[data-ticket="${number}"]`).getByRole('link', { name: number }).click();
    await anna.getByRole('heading', { level: 1 }).waitFor();
    expect(await overflow(anna)).toBeLessThanOrEqual(0);
  });

  it('shows support the queue and a request the same way', async () => {
    await irina.goto('/requests');
    await expectCardShowsStatusAndDue(irina);
    expect(await overflow(irina)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(irina)).toEqual([]);
    await irina.goto(`/requests/${number}`);
    await irina.getByTestId('sla-explanation').waitFor();
    expect(await overflow(irina)).toBeLessThanOrEqual(0);
  });
});
