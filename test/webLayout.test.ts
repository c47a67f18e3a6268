import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskInBrowser, PHONE } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { layoutProblems } from './support/layoutProblems.js';
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

const SCREENS = {
  phone: PHONE,
  laptop: { width: 1366, height: 768 },
  desktop: { width: 1920, height: 1080 },
} as const;
type Screen = keyof typeof SCREENS;

/**
 * Every page of the portal and the console, at a phone's 375 px, the common office laptop's 1366 px and
 * a 1920 px desktop, in Russian and in English: nothing on it scrolls sideways, sticks out of the screen,
 * is cut short or breaks a request number over lines, and on a phone every control of the header (the
 * bell, the language, signing out) can be reached.
 */
describe('every page fits its screen', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let ticketId = '';
  let organizationId = '';

  beforeAll(async () => {
    // Each of the twelve walks signs in afresh.
    desk = await deskInBrowser(pglite, { LOGIN_RATE_LIMIT: '1000' });
    const { app } = desk.desk;
    const admin = caller(app, await signIn(app, ...ADMIN));
    const world = await demoWorld(app, await signIn(app, ...ADMIN));
    organizationId = world.baltlog.id;
    const anna = caller(app, await signIn(app, ...STANDARD_CONTACT));
    const filed = await fileOnBaltlog(
      anna,
      world,
      'Очередь сообщений orders.in не обрабатывается после обновления шины до версии 5.2',
    );
    ticketId = filed.id;
    const tag = await admin('POST', '/api/v1/tags', { name: 'ИНТЕГРАЦИЯ-ВНЕШНЯЯ', color: 'violet' });
    const agent = caller(app, await signIn(app, ...AGENT));
    await agent('POST', `/api/v1/tickets/${ticketId}/tags`, { tagIds: [tag.json().id] });
    await agent('POST', `/api/v1/tickets/${ticketId}/messages`, {
      body: 'Проверьте, пожалуйста, размер пула потоков обработчика.',
    });
    // A request left unanswered past its deadline, with the longest labels the queue shows.
    const late = await fileOnBaltlog(
      anna,
      world,
      'Интеграционная шина не доставляет сообщения в 1С:Предприятие после смены сертификата TLS на сервере',
      'critical',
    );
    await agent('POST', `/api/v1/tickets/${late.id}/tags`, { tagIds: [tag.json().id] });
    desk.desk.clock.advance(3 * 24 * 3_600_000);
  });

  afterAll(async () => {
    await desk?.close();
  });

  const PAGES = {
    contact: () => [
      '/',
      '/requests',
      '/requests/new',
      `/requests/${ticketId}`,
      '/releases',
      '/policy',
      '/documentation',
      '/profile',
      '/reports',
    ],
    admin: () => [
      '/',
      `/requests/${ticketId}`,
      '/requests/phone',
      '/customers',
      `/customers/${organizationId}`,
      '/calendar',
      '/reports',
      '/macros',
      '/releases',
      '/documentation',
      '/team',
      '/rejections',
      '/mail',
      '/webhooks',
      '/policy',
      '/profile',
    ],
  };
  const PEOPLE = { contact: STANDARD_CONTACT, admin: ADMIN } as const;

  /** The person signed in at this screen, speaking this language (their profile's, as the desk keeps it). */
  async function personAt(who: keyof typeof PEOPLE, screen: Screen, language: 'ru' | 'en'): Promise<Page> {
    const { app } = desk.desk;
    const [email, password] = PEOPLE[who];
    const session = caller(app, await signIn(app, email, password));
    expect((await session('PATCH', '/api/v1/me', { language })).statusCode).toBe(200);
    return desk.signedIn(PEOPLE[who], SCREENS[screen]);
  }

  async function settle(page: Page) {
    await page.locator('main').waitFor();
    await expect
      .poll(() => page.locator('.mantine-Skeleton-root, .mantine-Loader-root').count(), { timeout: 10_000 })
      .toBe(0);
    // Fonts and late lists laid out.
    await page.waitForTimeout(250);
  }

  const cases = (['contact', 'admin'] as const).flatMap((who) =>
    (Object.keys(SCREENS) as Screen[]).flatMap((screen) =>
      (['ru', 'en'] as const).map((language) => ({ who, screen, language })),
    ),
  );

  it.each(cases)('$who at $screen in $language', async ({ who, screen, language }) => {
    const page = await personAt(who, screen, language);
    const found: Record<string, string[]> = {};
    for (const path of PAGES[who]()) {
      await page.goto(path);
      await settle(page);
      const problems = await layoutProblems(page, { desktop: screen !== 'phone' });
      if (problems.length > 0) found[path] = problems;
    }
    if (screen === 'phone') {
      // The bell stays in the header; the language and signing out are in the menu.
      const bell = await page.getByTestId('notification-bell').boundingBox();
      expect(bell && bell.x + bell.width <= SCREENS.phone.width).toBe(true);
      await page
        .getByRole('button', { name: language === 'ru' ? 'Главная' : 'Home' })
        .first()
        .click();
      const signOut = page.getByRole('button', {
        name: language === 'ru' ? 'Выйти' : 'Sign out',
        exact: true,
      });
      await signOut.waitFor();
      // The menu slides in.
      await page.waitForTimeout(500);
      const box = await signOut.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= SCREENS.phone.width).toBe(true);
      const languageSwitch = page.getByRole('radiogroup', { name: language === 'ru' ? 'Язык' : 'Language' });
      expect(await languageSwitch.isVisible()).toBe(true);
    }
    await page.context().close();
    expect(found).toEqual({});
  });
});
