import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { deskInBrowser } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { STANDARD_CONTACT } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The customer's profile names the support bot and hands out its one-time link, in Debian's Chromium. */
describe('the Telegram link in the profile, in a real browser', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let anna: Page;

  beforeAll(async () => {
    desk = await deskInBrowser(pglite, {
      TELEGRAM_BOT_TOKEN: '123456:test-token-for-the-profile-link',
      TELEGRAM_BOT_NAME: 'vendor_support_bot',
    });
    anna = await desk.signedIn(STANDARD_CONTACT);
  });

  afterAll(async () => {
    await desk?.close();
  });

  it('names the bot and gives a link that opens it with a one-time code', async () => {
    await anna.goto('/profile');
    const section = anna.getByRole('region', { name: 'Telegram' });
    await section.getByText('боту поддержки @vendor_support_bot').waitFor();
    expect(await accessibilityViolations(anna)).toEqual([]);
    await section.getByRole('button', { name: 'Получить ссылку на бота' }).click();
    const link = section.getByTestId('telegram-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(
      /^https:\/\/t\.me\/vendor_support_bot\?start=[A-Za-z0-9_-]{43}$/,
    );
    expect(await link.textContent()).toContain('Открыть @vendor_support_bot в Telegram');
  });
});
