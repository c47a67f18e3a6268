import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations } from './support/accessibility.js';
import { launchBrowser, newPerson, signInAs } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
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
const PAVEL = ['pavel.orlov@supportdesk.example', 'agent-demo-2026'] as const;
/** Longer than a live update may take, far shorter than the pages' fallback polling. */
const LIVE_WITHIN_MS = 5_000;

/**
 * Two agents on one request in Debian's Chromium, and the customer on the portal: each sees the
 * others' changes as they happen, who else is on the request, and a reply on top of a change the
 * agent has not seen is held until they say so.
 */
describe('two agents on one request in a real browser', () => {
  let desk: TestDesk;
  let browser: Browser;
  let irina: Page;
  let pavel: Page;
  let anna: Page;
  let ticket: { id: string; number: string };
  let messagesOf: () => Promise<{ body: string; authorName: string }[]>;

  beforeAll(async () => {
    desk = await openTestDesk(pglite);
    await desk.app.listen({ host: '127.0.0.1', port: 0 });
    const baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
    const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const customer = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    ticket = await fileOnBaltlog(customer, world, 'Очередь обмена не разбирается');
    const support = caller(desk.app, await signIn(desk.app, ...AGENT));
    messagesOf = async () => (await support('GET', `/api/v1/tickets/${ticket.id}`)).json().messages;
    browser = await launchBrowser();
    irina = (await newPerson(browser, baseURL)).page;
    pavel = (await newPerson(browser, baseURL)).page;
    anna = (await newPerson(browser, baseURL)).page;
    await signInAs(irina, ...AGENT);
    await signInAs(pavel, ...PAVEL);
    await signInAs(anna, ...STANDARD_CONTACT);
  });

  afterAll(async () => {
    await browser?.close();
    await desk?.close();
  });

  it('lists a new request in an open queue without a reload', async () => {
    const rows = irina.getByTestId('request-table').locator('tbody tr');
    await rows.first().waitFor();
    const customer = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const instanceId = (await customer('GET', `/api/v1/tickets/${ticket.id}`)).json().instanceId;
    const another = await customer('POST', '/api/v1/tickets', {
      instanceId,
      severity: 'critical',
      subject: 'Остановился обмен с банком',
      description: 'Платёжные поручения не уходят.',
    });
    expect(another.statusCode, another.body).toBe(201);
    await irina.locator(`tr[data-ticket="${another.json().number}"]`).waitFor({ timeout: LIVE_WITHIN_MS });
  });

  it('shows each agent who else is viewing the request and when they type', async () => {
    await irina.goto(`/requests/${ticket.number}`);
    await pavel.goto(`/requests/${ticket.number}`);
    await anna.goto(`/requests/${ticket.number}`);
    await pavel
      .getByTestId('presence')
      .getByText('Ирина Соколова просматривает')
      .waitFor({ timeout: LIVE_WITHIN_MS });
    await irina
      .getByTestId('presence')
      .getByText('Павел Орлов просматривает')
      .waitFor({ timeout: LIVE_WITHIN_MS });
    await irina.getByRole('textbox', { name: 'Ответить' }).pressSequentially('Смотрю');
    await pavel
      .getByTestId('presence')
      .getByText('Ирина Соколова печатает…')
      .waitFor({ timeout: LIVE_WITHIN_MS });
    expect(await accessibilityViolations(pavel)).toEqual([]);
    // The customer is not shown who of support is on their request.
    expect(await anna.getByTestId('presence').count()).toBe(0);
  });

  it('holds a reply sent on top of a change the agent has not seen, shows the change, and loses nothing', async () => {
    const pavelReply = 'Перезапустите службу обмена и пришлите журнал.';
    await pavel.getByRole('textbox', { name: 'Ответить' }).fill(pavelReply);

    // Irina answers first and hands the request to the customer.
    const irinaReply = 'Исправление в версии 4.2.1, установите его, пожалуйста.';
    await irina.getByRole('textbox', { name: 'Ответить' }).fill(irinaReply);
    await irina.getByLabel('Ждать ответа клиента').check();
    await irina.getByRole('button', { name: 'Отправить', exact: true }).click();
    await irina.getByText('Сообщение отправлено').waitFor();

    // Pavel's page and the customer's show it at once, without a reload.
    await pavel.getByText(irinaReply).waitFor({ timeout: LIVE_WITHIN_MS });
    await anna.getByText(irinaReply).waitFor({ timeout: LIVE_WITHIN_MS });

    await pavel.getByRole('button', { name: 'Отправить', exact: true }).click();
    const warning = pavel.getByTestId('stale-change');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(irinaReply);
    expect(await warning.textContent()).toContain('Статус: Новый → Ожидает клиента');
    // Nothing was sent, and the draft is still there.
    expect((await messagesOf()).map((message) => message.body)).not.toContain(pavelReply);
    expect(await pavel.getByRole('textbox', { name: 'Ответить' }).inputValue()).toBe(pavelReply);

    await warning.getByRole('button', { name: 'Всё равно отправить' }).click();
    await pavel.getByText('Сообщение отправлено').waitFor();
    const bodies = (await messagesOf()).map((message) => message.body);
    expect(bodies.filter((body) => body === irinaReply)).toHaveLength(1);
    expect(bodies.filter((body) => body === pavelReply)).toHaveLength(1);
    await anna.getByText(pavelReply).waitFor({ timeout: LIVE_WITHIN_MS });
  });

  it('lets presence go when an agent leaves the request', async () => {
    await pavel.getByRole('link', { name: 'Очередь' }).click();
    await irina.getByTestId('presence').waitFor({ state: 'detached', timeout: LIVE_WITHIN_MS });
  });

  it("rings the bell for a customer's reply and clears it when the request is opened", async () => {
    const bell = pavel.getByTestId('notification-bell');
    await pavel.getByRole('button', { name: /Уведомления/ }).waitFor();
    await caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT))(
      'POST',
      `/api/v1/tickets/${ticket.id}/messages`,
      { body: 'Установили 4.2.1, ошибка ушла.' },
    );
    await deliverOutbox(desk.ctx);
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: LIVE_WITHIN_MS })
      .not.toBe('Уведомления: непрочитанных 0');
    await bell.click();
    await pavel
      .getByTestId('notification-list')
      .getByRole('link', { name: new RegExp(`^Новое сообщение по запросу ${ticket.number} «`) })
      .first()
      .click();
    await pavel.getByTestId('sla-explanation').waitFor();
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: LIVE_WITHIN_MS })
      .toBe('Уведомления: непрочитанных 0');
  });
});
