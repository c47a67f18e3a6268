import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { deskInBrowser, PHONE } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  demoWorld,
  fileOnBaltlog,
  STANDARD_CONTACT,
  signIn,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The portal and the console on a phone (375 px), in Debian's Chromium. */
describe('the desk on a phone', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let anna: Page;
  let irina: Page;
  let number: string;

  beforeAll(async () => {
    desk = await deskInBrowser(pglite);
    const { app } = desk.desk;
    const world = await demoWorld(app, await signIn(app, ...ADMIN));
    const customer = caller(app, await signIn(app, ...STANDARD_CONTACT));
    number = (
      await fileOnBaltlog(customer, world, 'Очередь сообщений orders.in не обрабатывается после обновления')
    ).number;
    anna = await desk.signedIn(STANDARD_CONTACT, PHONE);
    irina = await desk.signedIn(AGENT, PHONE);
  });

  afterAll(async () => {
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
