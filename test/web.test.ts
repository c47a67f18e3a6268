import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { launchBrowser, newPerson, signInAs } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  AGENT,
  caller,
  EXTENDED_CONTACT,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/**
 * The web app in Debian's Chromium against a real desk on a loopback port, at a fixed time: Tuesday
 * 24 November 2026, 12:00 Moscow time. The browser runs in another time zone on purpose: every time on
 * screen must still be Moscow time.
 */
describe('the web app in a real browser', () => {
  let desk: TestDesk;
  let browser: Browser;
  let baseURL: string;
  let contact: Page;
  let agent: Page;
  let foreignTicketId: string;
  let ticketNumber: string;
  let ticketUrl: string;

  beforeAll(async () => {
    desk = await openTestDesk(pglite, { DOCUMENTATION_URL: 'https://docs.vendor.example/platform/' });
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    // Another customer's request, due later than the one the test files: it must sit below it in the queue.
    const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
    const organization = (await sergey('GET', '/api/v1/me')).json().principal.organizationId;
    const instances = (await sergey('GET', `/api/v1/organizations/${organization}`)).json().instances;
    const foreign = await sergey('POST', '/api/v1/tickets', {
      instanceId: instances[0].id,
      severity: 'low',
      subject: 'Вопрос по документации',
      description: 'Где описана настройка кластера?',
    });
    expect(foreign.statusCode, foreign.body).toBe(201);
    foreignTicketId = foreign.json().id;
    browser = await launchBrowser();
    contact = (await newPerson(browser, baseURL)).page;
    agent = (await newPerson(browser, baseURL)).page;
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('lets a contact file a request, told beforehand it will be accepted, and shows its due time in Moscow time', async () => {
    await signInAs(contact, ...STANDARD_CONTACT);
    await expect.poll(() => contact.getByTestId('certificate').count()).toBeGreaterThan(0);
    await contact.getByRole('link', { name: 'Документация' }).click();
    expect(
      await contact.getByRole('link', { name: 'Документация на сайте производителя' }).getAttribute('href'),
    ).toBe('https://docs.vendor.example/platform/');
    await contact.getByRole('link', { name: 'Главная' }).click();
    await contact.getByRole('link', { name: 'Новый запрос' }).first().click();
    await contact.getByRole('combobox', { name: 'Экземпляр продукта' }).click();
    await contact.getByRole('option', { name: /esb-prod-spb/ }).click();
    await expect
      .poll(() => contact.getByTestId('entitlement').textContent())
      .toContain('Запрос будет принят');
    await contact.getByRole('radio', { name: 'Высокий' }).check();
    await contact.getByLabel('Тема').fill('Очередь сообщений не обрабатывается');
    await contact.getByLabel('Описание').fill('После обновления ESB сообщения копятся в очереди orders.in.');
    await contact.getByRole('button', { name: 'Отправить запрос' }).click();

    await contact.getByTestId('ticket-number').waitFor();
    ticketNumber = (await contact.getByTestId('ticket-number').textContent()) ?? '';
    ticketUrl = new URL(contact.url()).pathname;
    expect(ticketNumber).toMatch(/^SD-2026-\d{5}$/);
    // 12 working hours from Tuesday 12:00: Wednesday 15:00 Moscow time, whatever the browser's zone.
    expect(await contact.getByTestId('due-at').textContent()).toBe('25.11.2026, 15:00 МСК');
    expect(await contact.getByTestId('countdown').first().textContent()).toContain('Осталось 12 ч');
  });

  it('warns the contact before submitting when the instance is not covered', async () => {
    await contact.goto('/requests/new');
    await contact.getByRole('combobox', { name: 'Экземпляр продукта' }).click();
    await contact.getByRole('option', { name: /esb-test-spb/ }).click();
    await expect
      .poll(() => contact.getByTestId('entitlement').textContent())
      .toContain('не покрыт сертификатом');
    expect(await contact.getByRole('button', { name: 'Отправить запрос' }).isDisabled()).toBe(true);
  });

  it('puts the request at the top of the agent queue, soonest deadline first', async () => {
    await signInAs(agent, ...AGENT);
    const rows = agent.getByTestId('request-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-ticket')).toBe(ticketNumber);
    // The countdown names its deadline while the pointer rests on it; the tooltip's code comes then.
    await rows.first().getByTestId('countdown').hover();
    await expect.poll(() => agent.getByRole('tooltip').textContent()).toMatch(/^Ответ не позднее: .+ МСК$/);
    await agent.mouse.move(0, 0);
    await agent.getByRole('tooltip').waitFor({ state: 'detached' });
  });

  it('lets the agent reply, and the countdown stops', async () => {
    await agent.getByRole('link', { name: ticketNumber }).click();
    await agent.getByTestId('sla-explanation').waitFor();
    expect(await agent.getByTestId('countdown').first().textContent()).toContain('Осталось');
    await agent
      .getByRole('textbox', { name: 'Ответить' })
      .fill('Проверьте, пожалуйста, размер пула потоков обработчика.');
    await agent.getByRole('button', { name: 'Отправить', exact: true }).click();
    await expect
      .poll(() => agent.getByTestId('countdown').first().textContent())
      .toContain('Ответ дан в срок: 24.11.2026, 12:00 МСК');
  });

  it('lets the agent change the severity with a reason, kept in the timeline', async () => {
    await agent.getByRole('button', { name: 'Действия' }).click();
    await agent.getByRole('menuitem', { name: 'Изменить критичность' }).click();
    const dialog = agent.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Новая критичность' }).click();
    await agent.getByRole('option', { name: 'Критический' }).click();
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    // The reason is required: the dialog says so next to the field, in Russian, and stays open.
    await expect.poll(() => dialog.getByText('Поле не должно быть пустым.').count()).toBe(1);
    await dialog.getByLabel('Причина').fill('Остановлена обработка заказов в промышленной среде');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => agent.getByTestId('history-event').allTextContents())
      .toContain('Критичность: Высокий → Критический');
  });

  it('lets the agent split the request into parts with their own severities', async () => {
    await agent.getByRole('button', { name: 'Действия' }).click();
    await agent.getByRole('menuitem', { name: 'Разделить' }).click();
    const dialog = agent.getByRole('dialog');
    const parts = dialog.getByTestId('split-part');
    // Opened without a reload right after the severity change: the parts start from the new severity.
    expect(await parts.nth(0).getByRole('combobox', { name: 'Критичность' }).inputValue()).toBe(
      'Критический',
    );
    await parts.nth(0).getByLabel('Тема').fill('Очередь orders.in не разбирается');
    await parts.nth(1).getByLabel('Тема').fill('Растёт потребление памяти');
    await parts.nth(1).getByRole('combobox', { name: 'Критичность' }).click();
    await agent.getByRole('option', { name: 'Средний' }).click();
    await parts.nth(0).getByRole('checkbox').first().check();
    await dialog.getByRole('button', { name: 'Разделить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => agent.getByText('Разделён на').count()).toBe(1);
    const part = agent.getByRole('link', { name: /^SD-2026-\d{5}$/ }).last();
    await part.click();
    await expect.poll(() => agent.getByText(`Выделен из ${ticketNumber}`).count()).toBe(1);
  });

  it('shows a contact at a support-only address one page that says so, with a way home', async () => {
    await contact.goto('/reports');
    await contact.getByTestId('not-found').waitFor();
    expect(await contact.getByRole('heading', { level: 1 }).textContent()).toBe('Страница не найдена');
    expect(await contact.getByRole('alert').count()).toBe(0);
    await contact.getByRole('link', { name: 'На главную' }).click();
    await expect.poll(() => new URL(contact.url()).pathname).toBe('/');
  });

  it('shows the contact the reply, and not the internal side', async () => {
    await contact.goto(ticketUrl);
    await expect
      .poll(() => contact.getByTestId('message').allTextContents())
      .toEqual([expect.stringContaining('Проверьте, пожалуйста, размер пула потоков обработчика.')]);
    expect(await contact.getByTestId('message').first().getAttribute('data-visibility')).toBe('public');
  });

  it('finds requests from the header search, by another form of a word, and jumps to one by its number', async () => {
    await agent.goto('/requests');
    const search = agent.getByRole('searchbox', { name: 'Поиск по запросам' });
    await search.waitFor();
    await agent.locator('body').press('/');
    await agent.keyboard.type('обработчиков');
    await agent.keyboard.press('Enter');
    await agent.getByRole('heading', { level: 1, name: 'Поиск: «обработчиков»' }).waitFor();
    const found = agent.locator(`tr[data-ticket="${ticketNumber}"]`);
    await found.getByTestId('search-snippet').locator('mark').first().waitFor();
    expect(await found.getByTestId('search-snippet').locator('mark').allTextContents()).toContain(
      'обработчика',
    );
    await search.fill(ticketNumber.toLowerCase());
    await search.press('Enter');
    await agent.getByTestId('sla-explanation').waitFor();
    expect(new URL(agent.url()).pathname).toBe(`/requests/${ticketNumber}`);

    await contact.goto('/requests');
    const own = contact.getByRole('searchbox', { name: 'Поиск по запросам' });
    await own.fill('обработчиков');
    await own.press('Enter');
    await contact.locator(`tr[data-ticket="${ticketNumber}"]`).waitFor();
    await own.fill('документации');
    await own.press('Enter');
    await contact.getByText('Ничего не найдено', { exact: false }).waitFor();
    expect(await contact.locator('tr[data-ticket]').count()).toBe(0);
  });

  it('asks before the contact closes a request, and offers no reopening of a closed one', async () => {
    await contact.goto(ticketUrl);
    await contact.getByRole('button', { name: 'Закрыть запрос' }).click();
    const dialog = contact.getByRole('dialog');
    await dialog.getByText('Закрытый запрос нельзя открыть снова').waitFor();
    await dialog.getByRole('button', { name: 'Отмена' }).click();
    await expect.poll(() => contact.getByRole('dialog').count()).toBe(0);
    await contact.getByRole('button', { name: 'Закрыть запрос' }).click();
    await contact.getByRole('dialog').getByRole('button', { name: 'Закрыть запрос' }).click();
    await expect.poll(() => contact.getByText('Закрыт', { exact: true }).count()).toBe(1);
    expect(await contact.getByRole('button', { name: 'Возобновить' }).count()).toBe(0);
    await expect.poll(() => contact.getByRole('button', { name: 'Закрыть запрос' }).count()).toBe(0);
    expect(await contact.getByRole('form', { name: 'Ответить' }).count()).toBe(0);
  });

  it("answers a contact opening another organization's request with not found", async () => {
    await contact.goto(`/requests/${foreignTicketId}`);
    await expect.poll(() => contact.getByRole('alert').textContent()).toContain('Не найдено');
    expect(await contact.getByText('Вопрос по документации').count()).toBe(0);
  });

  it('switches to English, and the contact hears the desk in it', async () => {
    await contact.getByText('EN', { exact: true }).click();
    await contact.goto('/');
    await expect
      .poll(() => contact.getByRole('heading', { level: 1 }).textContent())
      .toContain('Support for');
  });

  it('shows the agent the reports with a chart and CSV and XLSX downloads', async () => {
    await agent.goto('/reports');
    await agent.locator('.recharts-surface').first().waitFor();
    const links = await agent.getByRole('link', { name: 'CSV' }).first().getAttribute('href');
    expect(links).toMatch(/^\/api\/v1\/reports\/sla\?from=\d{4}-01-01&to=\d{4}-12-31&format=csv$/);
    expect(await agent.getByText('В срок').count()).toBeGreaterThan(0);
    // The table on screen holds the file's columns under the file's names, the total and share among them.
    const sla = agent.getByTestId('report-sla');
    await sla.locator('th').first().waitFor();
    const headers = await sla.locator('th').allTextContents();
    const csv = await (await agent.request.get(links ?? '')).text();
    expect(headers).toEqual(csv.replace('\uFEFF', '').split('\r\n')[0]?.split(';'));
    expect(headers).toEqual(expect.arrayContaining(['Запросов', 'Доля в срок']));
    const certificates = agent.getByTestId('report-certificates');
    await certificates.locator('th').first().waitFor();
    expect(await certificates.locator('th').allTextContents()).not.toContain('');
    // Days as a Russian reader writes them, whatever the browser's own language.
    expect(await agent.getByRole('textbox', { name: 'С', exact: true }).inputValue()).toMatch(
      /^01\.01\.\d{4}$/,
    );
  });

  it('has no serious accessibility failures on the main pages, for customers and support', async () => {
    const pages: [Page, string][] = [
      [contact, '/'],
      [contact, '/requests/new'],
      [contact, ticketUrl],
      [contact, '/policy'],
      [contact, '/profile'],
      [contact, '/releases'],
      [contact, '/documentation'],
      [agent, '/'],
      [agent, ticketUrl],
      [agent, '/customers'],
      [agent, '/calendar'],
      [agent, '/reports'],
    ];
    const found: Record<string, unknown> = {};
    for (const [page, path] of pages) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const violations = await accessibilityViolations(page);
      if (violations.length > 0) found[path] = violations;
    }
    expect(
      Object.fromEntries(
        Object.entries(found).map(([path, violations]) => [
          path,
          (violations as { id: string; targets: string[] }[]).map(
            (violation) => `${violation.id}: ${violation.targets.slice(0, 3).join(' | ')}`,
          ),
        ]),
      ),
    ).toEqual({});
  });

  it('is usable from the keyboard: a skip link first, then the navigation', async () => {
    await contact.goto('/');
    await contact.getByRole('heading', { level: 1 }).waitFor();
    await contact.keyboard.press('Tab');
    expect(await contact.evaluate('document.activeElement?.textContent')).toMatch(
      /Перейти к содержимому|Skip to content/,
    );
    await contact.keyboard.press('Enter');
    expect(await contact.evaluate('document.activeElement?.id')).toBe('main');
  });

  it('serves the app for every path of its own, with a strict content policy, and leaves the API its problems', async () => {
    const page = await fetch(`${baseURL}/requests/${foreignTicketId}`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${baseURL}${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('content-encoding')).toBe('br');
    const plain = await fetch(`${baseURL}${asset}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(await script.text());

    const api = await fetch(`${baseURL}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const program = await fetch(`${baseURL}/requests/anything`, { headers: { accept: 'application/json' } });
    expect(program.status).toBe(404);
  });
});
