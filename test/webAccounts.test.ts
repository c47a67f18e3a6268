import type { AddressInfo } from 'node:net';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { launchBrowser, newPerson, signInAs } from './support/browser.js';
import { freePort } from './support/cli.js';
import { databaseBackends } from './support/databases.js';
import { SmtpSink } from './support/mail.js';
import { startOpenIdProvider } from './support/openIdProvider.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  openTestDesk,
  PARTNER,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** Accounts in Debian's Chromium: a forgotten password, an invitation, a partner's organizations, 2FA. */
describe('accounts in a real browser', () => {
  const sink = new SmtpSink();
  let desk: TestDesk;
  let browser: Browser;
  let baseURL: string;
  let admin: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    await sink.start();
    desk = await openTestDesk(pglite, { SMTP_URL: `smtp://127.0.0.1:${sink.port}` });
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
    browser = await launchBrowser();
    await deliverOutbox(desk.ctx);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    await sink.stop();
  });

  /** The set-password address of the newest mail to someone, as its reader would open it. */
  async function linkMailedTo(address: string): Promise<string> {
    await deliverOutbox(desk.ctx);
    const mail = sink.received.findLast(
      (candidate) => candidate.to && 'text' in candidate.to && candidate.to.text === address,
    );
    const link = mail?.text?.match(/https?:\/\/\S+(\/set-password#token=[\w-]+)/)?.[1];
    if (!link) throw new Error(`no link mailed to ${address}`);
    return link;
  }

  async function choosePassword(page: Page, link: string, password: string) {
    await page.goto(link);
    await page.getByLabel('Новый пароль').fill(password);
    await page.getByLabel('Повторите пароль').fill(password);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Задать пароль и войти' }).click();
    await page.getByTestId('principal-name').waitFor();
  }

  it('sets a forgotten password from the mailed link and signs the customer in', async () => {
    const { page } = await newPerson(browser, baseURL);
    await page.goto('/');
    await page.getByRole('link', { name: 'Забыли пароль?' }).click();
    await page.getByLabel('Электронная почта').fill(STANDARD_CONTACT[0]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Прислать ссылку' }).click();
    await page
      .getByRole('status')
      .getByText(/Если у адреса anna\.petrova@baltlog\.example есть учётная запись/)
      .waitFor();

    const link = await linkMailedTo(STANDARD_CONTACT[0]);
    await choosePassword(page, link, 'anna-new-portal-2026');
    expect(await page.getByTestId('principal-name').textContent()).toContain('Анна Петрова');
    await signIn(desk.app, STANDARD_CONTACT[0], 'anna-new-portal-2026');

    // The same link again, as a second click from the mail would open it, is refused in words.
    const { page: again } = await newPerson(browser, baseURL);
    await again.goto(link);
    await again.getByLabel('Новый пароль').fill('someone-else-2026');
    await again.getByLabel('Повторите пароль').fill('someone-else-2026');
    await again.getByRole('button', { name: 'Задать пароль и войти' }).click();
    await again
      .getByRole('alert')
      .getByText(/Ссылка больше не действует/)
      .waitFor();
  });

  it('invites a new engineer from the Team page, who chooses a password from the mail', async () => {
    const { page } = await newPerson(browser, baseURL);
    await signInAs(page, ...ADMIN);
    await page.goto('/team');
    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Имя').fill('Олег Белов');
    await dialog.getByLabel('Электронная почта').fill('oleg.belov@supportdesk.example');
    expect(await dialog.getByLabel(/Пароль/).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('tr[data-agent="oleg.belov@supportdesk.example"]');
    await row.waitFor();
    await row.getByRole('button', { name: 'Изменить: Олег Белов' }).click();
    await page.getByRole('dialog').getByLabel('Имя').fill('Олег Белов-Смирнов');
    await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
    await row.getByText('Олег Белов-Смирнов').waitFor();

    const { page: oleg } = await newPerson(browser, baseURL);
    await choosePassword(oleg, await linkMailedTo('oleg.belov@supportdesk.example'), 'oleg-chose-it-2026');
    expect(await oleg.getByTestId('principal-name').textContent()).toContain('Олег Белов');
  });

  it("assigns a partner engineer's organizations in the Team page", async () => {
    const { page } = await newPerson(browser, baseURL);
    await signInAs(page, ...ADMIN);
    await page.goto('/team');
    await page.getByRole('button', { name: /Организации партнёра Дмитрий Ким/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Организации', { exact: true }).click();
    await page.getByRole('option', { name: world.uralenergo.name }).click();
    await page.keyboard.press('Escape');
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const partner = caller(desk.app, await signIn(desk.app, ...PARTNER));
    const partnerId = (await partner('GET', '/api/v1/me')).json().principal.id;
    const assigned = (await admin('GET', `/api/v1/partners/${partnerId}/organizations`)).json();
    expect(assigned.organizationIds).toEqual([world.uralenergo.id]);
  });

  it('turns on two-factor sign-in in the profile by its QR code, then asks for the code at sign-in', async () => {
    const { page } = await newPerson(browser, baseURL);
    await signInAs(page, ...AGENT);
    await page.goto('/profile');
    const section = page.getByRole('region', { name: 'Двухфакторный вход' });
    await section.getByRole('button', { name: 'Включить' }).click();
    await section.getByRole('button', { name: 'Подключить аутентификатор' }).click();
    await section.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).waitFor();
    const secret = (await section.locator('code').first().textContent()) ?? '';
    const epoch = () => Math.floor(desk.clock.now().getTime() / 1000);
    await section.getByLabel('Код из приложения').fill(await generate({ secret, epoch: epoch() }));
    await section.getByRole('button', { name: 'Подтвердить' }).click();
    const codes = section.getByTestId('recovery-codes');
    await codes.waitFor();
    expect(await codes.locator('li').count()).toBe(10);
    expect(await accessibilityViolations(page)).toEqual([]);
    await section.getByRole('button', { name: 'Коды сохранены' }).click();
    await section
      .getByTestId('two-factor-state')
      .getByText(/Включён/)
      .waitFor();

    desk.clock.advance(30_000);
    const { page: again } = await newPerson(browser, baseURL);
    await again.goto('/');
    await again.getByLabel('Электронная почта').fill(AGENT[0]);
    await again.getByLabel(/^Пароль/).fill(AGENT[1]);
    await again.getByRole('button', { name: 'Войти' }).click();
    const code = again.getByLabel('Код подтверждения');
    await code.waitFor();
    expect(await again.getByRole('alert').count()).toBe(0);
    await code.fill(await generate({ secret, epoch: epoch() }));
    await again.getByRole('button', { name: 'Войти' }).click();
    await again.getByTestId('principal-name').waitFor();
  });
});

/** Single sign-on in Chromium: the sign-in page's button, the provider's own pages, and back signed in. */
describe('single sign-on in a real browser', () => {
  let provider: Awaited<ReturnType<typeof startOpenIdProvider>>;
  let desk: TestDesk;
  let browser: Browser;
  let baseURL: string;

  beforeAll(async () => {
    const port = await freePort();
    baseURL = `http://127.0.0.1:${port}`;
    provider = await startOpenIdProvider(
      { vera: { email: 'vera.popova@vendor.test', name: 'Вера Попова', groups: ['desk-support'] } },
      {
        id: 'supportdesk',
        secret: 'supportdesk-client-secret',
        redirectUri: `${baseURL}/api/v1/auth/oidc/callback`,
      },
    );
    desk = await openTestDesk(pglite, {
      PUBLIC_URL: baseURL,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'supportdesk',
      OIDC_CLIENT_SECRET: 'supportdesk-client-secret',
      OIDC_ROLE_GROUPS: 'agent=desk-support',
      OIDC_NAME: 'Keycloak',
      OIDC_ALLOW_HTTP: 'true',
    });
    await desk.app.listen({ host: '127.0.0.1', port });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
    await provider?.stop();
  });

  it('signs a staff member in through the provider from the sign-in page', async () => {
    const { page } = await newPerson(browser, baseURL);
    await page.goto('/');
    await page.getByRole('link', { name: 'Войти через Keycloak (для сотрудников)' }).click();
    // The provider's own sign-in and consent pages.
    await page.locator('input[name="login"]').fill('vera');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('principal-name').waitFor();
    expect(await page.getByTestId('principal-name').textContent()).toContain('Вера Попова');
  });
});
