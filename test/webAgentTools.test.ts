import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { launchBrowser, newPerson, signInAs } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The agent's tools in Debian's Chromium: a macro in one step, a saved view, a merge the customer sees. */
describe('the agent tools in a real browser', () => {
  let desk: TestDesk;
  let browser: Browser;
  let baseURL: string;
  let irina: Page;
  let support: Caller;
  let customer: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(pglite);
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    customer = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    support = caller(desk.app, await signIn(desk.app, ...AGENT));
    browser = await launchBrowser();
    irina = (await newPerson(browser, baseURL)).page;
    await signInAs(irina, ...AGENT);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('applies a macro that replies and hands the request to the customer in one step', async () => {
    const macro = await support('POST', '/api/v1/macros', {
      title: 'Просим журнал обмена',
      body: '{{contact.name}}, по запросу {{ticket.number}} пришлите, пожалуйста, журнал обмена.',
      actions: { status: 'waiting_for_customer' },
    });
    expect(macro.statusCode, macro.body).toBe(201);
    const ticket = await fileOnBaltlog(customer, world, 'Обмен с 1С стоит с утра');
    await irina.goto(`/requests/${ticket.number}`);
    await irina.getByRole('button', { name: 'Применить макрос' }).first().click();
    const dialog = irina.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Макрос' }).click();
    await irina.getByRole('option', { name: /Просим журнал обмена/ }).click();
    const reply = dialog.getByRole('textbox', { name: 'Ответ клиенту' });
    await expect.poll(() => reply.inputValue()).toContain(`по запросу ${ticket.number}`);
    expect(await reply.inputValue()).toContain('Анна Петрова');
    await dialog.getByText('статус: Ожидает клиента').waitFor();
    expect(await accessibilityViolations(irina)).toEqual([]);
    await reply.fill(`${await reply.inputValue()} И версию адаптера.`);
    await dialog.getByRole('button', { name: 'Отправить', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await irina.getByText('И версию адаптера.').waitFor();

    const stored = (await support('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(stored.status).toBe('waiting_for_customer');
    const replies = stored.messages.filter((message: { kind: string }) => message.kind === 'reply');
    expect(replies).toHaveLength(1);
    expect(replies[0].body).toBe(
      `Анна Петрова, по запросу ${ticket.number} пришлите, пожалуйста, журнал обмена. И версию адаптера.`,
    );
  });

  it('saves the queue as a view and finds it, with its count, after signing in again', async () => {
    await fileOnBaltlog(customer, world, 'Критичный для представления', 'critical');
    const expected = (
      await support('GET', `/api/v1/tickets?severity=critical&organizationId=${world.baltlog.id}&limit=200`)
    ).json().items.length;
    await irina.goto(
      `/?severity=critical&organizationId=${world.baltlog.id}&status=all&sort=registeredAt&direction=desc`,
    );
    await irina.getByTestId('request-table').waitFor();
    // The column the queue is sorted by says so.
    expect(await irina.locator('th[aria-sort="descending"]').textContent()).toContain('Номер');
    await irina.getByRole('button', { name: 'Сохранить представление' }).click();
    await irina.getByRole('dialog').getByRole('textbox', { name: 'Название' }).fill('Критичные Балтлог');
    await irina.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
    await irina.getByRole('dialog').waitFor({ state: 'hidden' });

    await irina.getByRole('button', { name: 'Выйти' }).click();
    await signInAs(irina, ...AGENT);
    const link = irina.getByTestId('saved-views').getByRole('link', { name: /Критичные Балтлог/ });
    await link.waitFor();
    expect(await link.getByTestId('view-count').textContent()).toBe(String(expected));
    await link.click();
    await irina.waitForURL(/severity=critical/);
    expect(irina.url()).toContain('sort=registeredAt');
    const rows = irina.getByTestId('request-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(expected);
    // Checked as the page stands, not under the pointer that clicked the view.
    await irina.mouse.move(0, 0);
    expect(await accessibilityViolations(irina)).toEqual([]);
  });

  it('merges a duplicate into the original, and the customer sees one request with both messages', async () => {
    const original = await fileOnBaltlog(customer, world, 'Не уходят платёжные поручения');
    const duplicate = await fileOnBaltlog(customer, world, 'Снова не уходят платёжки');
    await customer('POST', `/api/v1/tickets/${duplicate.id}/messages`, {
      body: 'Прикладываю номер поручения 4417.',
    });

    await irina.goto(`/requests/${duplicate.number}`);
    await irina.getByRole('button', { name: 'Действия' }).click();
    await irina.getByRole('menuitem', { name: 'Объединить с другим запросом' }).click();
    const dialog = irina.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Номер основного запроса' }).fill(original.number);
    await dialog.getByTestId('merge-target').waitFor();
    await dialog.getByRole('button', { name: 'Объединить' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await irina.getByTestId('merged-into').waitFor();

    const anna = (await newPerson(browser, baseURL)).page;
    await signInAs(anna, ...STANDARD_CONTACT);
    await anna.goto('/requests');
    await anna.getByTestId('request-table').waitFor();
    await anna.locator(`tr[data-ticket="${original.number}"]`).waitFor();
    expect(await anna.locator(`tr[data-ticket="${duplicate.number}"]`).count()).toBe(0);
    await anna.goto(`/requests/${original.number}`);
    await anna.getByText('Прикладываю номер поручения 4417.').waitFor();
    expect(await anna.getByTestId('merged-from').first().textContent()).toContain(duplicate.number);
    expect(await accessibilityViolations(anna)).toEqual([]);
  });

  it('lets an administrator deactivate an engineer, whose open console is signed out at once', async () => {
    const pavel = (await newPerson(browser, baseURL)).page;
    await signInAs(pavel, 'pavel.orlov@supportdesk.example', 'agent-demo-2026');
    const admin = (await newPerson(browser, baseURL)).page;
    await signInAs(admin, ...ADMIN);
    await admin.goto('/team');
    const row = admin.locator('tr[data-agent="pavel.orlov@supportdesk.example"]');
    await row.getByRole('switch', { name: 'Работает: Павел Орлов' }).click({ force: true });
    await expect
      .poll(
        async () =>
          (await support('GET', '/api/v1/agents'))
            .json()
            .find((agent: { email: string }) => agent.email === 'pavel.orlov@supportdesk.example').active,
      )
      .toBe(false);
    expect(await accessibilityViolations(admin)).toEqual([]);
    await pavel.reload();
    await pavel.getByRole('button', { name: /Войти/ }).waitFor();
  });
});
