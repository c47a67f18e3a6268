import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/http/web.js';
import type { DatabaseBackend } from './databases.js';
import { openTestDesk } from './testDesk.js';

/** Debian's Chromium, as .ci/run installs it; CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  if (!existsSync(`${WEB_ROOT}index.html`)) {
    throw new Error(`the web app is not built at ${WEB_ROOT}: run npm run build first`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    // The machine has no network but loopback: Chromium's own background traffic would only fail.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const LAPTOP = { width: 1366, height: 768 };
/** A phone's screen: the narrowest the portal and the console are made for. */
export const PHONE = { width: 375, height: 812 };

/** A fresh browser profile (its own cookies) at a laptop's screen size, or another. */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  locale = 'ru-RU',
  viewport = LAPTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale,
    viewport,
    ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    timezoneId: 'Asia/Yekaterinburg',
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

export async function signInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel(/Электронная почта|E-mail/).fill(email);
  await page.getByLabel(/^(Пароль|Password)/).fill(password);
  await page.getByRole('button', { name: /Войти|Sign in/ }).click();
  // Attached rather than visible: on a phone the header keeps the name in its menu.
  await page.getByTestId('principal-name').waitFor({ state: 'attached' });
}

/** A desk on a loopback port with Debian's Chromium beside it, for a test's people to sign in to. */
export async function deskInBrowser(backend: DatabaseBackend, environment: Record<string, string> = {}) {
  const desk = await openTestDesk(backend, environment);
  await desk.app.listen({ host: '127.0.0.1', port: 0 });
  const baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  return {
    desk,
    browser,
    /** A person of their own browser profile, signed in. */
    async signedIn(credentials: readonly [string, string], viewport = LAPTOP): Promise<Page> {
      const { page } = await newPerson(browser, baseURL, 'ru-RU', viewport);
      await signInAs(page, ...credentials);
      return page;
    },
    async close() {
      await browser.close();
      await desk.close();
    },
  };
}
