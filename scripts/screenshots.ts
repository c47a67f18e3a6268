/**
 * `npm run screenshots`: the main pages of the web app as PNGs in docs/screenshots/, taken in Debian's
 * Chromium from a desk with the demo data at a fixed time (Tuesday 24 November 2026, 12:00 Moscow time),
 * with a few requests filed and worked, so the pictures match the README whatever day they are taken.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, newPerson, PHONE, signInAs } from '../test/support/browser.js';
import { databaseBackends } from '../test/support/databases.js';
import {
  ADMIN,
  AGENT,
  caller,
  demoWorld,
  EXTENDED_CONTACT,
  instanceNamed,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
} from '../test/support/testDesk.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

const desk = await openTestDesk(pglite);
await desk.app.listen({ host: '127.0.0.1', port: 0 });
const baseURL = `http://127.0.0.1:${(desk.app.server.address() as AddressInfo).port}`;
const browser = await launchBrowser();
try {
  const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
  const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT), 'ru');
  const sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT), 'ru');
  const irina = caller(desk.app, await signIn(desk.app, ...AGENT), 'ru');
  const file = async (call: typeof anna, body: Record<string, unknown>) => {
    const response = await call('POST', '/api/v1/tickets', body);
    if (response.statusCode !== 201) throw new Error(`filing a request failed: ${response.body}`);
    return response.json() as { id: string };
  };
  const first = await file(anna, {
    instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
    severity: 'high',
    subject: 'Очередь сообщений не обрабатывается',
    description:
      'После обновления ESB до 4.2 сообщения копятся в очереди orders.in, обработчик не забирает их.',
  });
  const backup = await file(anna, {
    instanceId: instanceNamed(world.baltlog, 'registry-prod-spb'),
    severity: 'low',
    category: 'consultation',
    subject: 'Как настроить резервное копирование реестра',
    description: 'Подскажите, где в документации описано резервное копирование.',
  });
  const extended = await file(sergey, {
    instanceId: world.uralenergo.instances[0]?.id,
    severity: 'critical',
    subject: 'Планировщик не запускает задания',
    description: 'С 10:40 ни одно задание не стартовало; в журнале ошибка подключения к базе.',
  });
  await irina('POST', `/api/v1/tickets/${first.id}/messages`, {
    body: 'Здравствуйте! Пришлите, пожалуйста, журнал обработчика за последний час.',
    awaitCustomer: true,
  });
  await irina('POST', `/api/v1/tickets/${extended.id}/messages`, {
    body: 'Проверили подключение: пул соединений исчерпан. Рекомендации ниже.',
  });
  await irina('POST', `/api/v1/tickets/${extended.id}/remote-sessions`, {
    startedAt: '2026-11-24T11:20:00+03:00',
    durationMinutes: 35,
    outcome: 'Пул соединений планировщика исчерпан долгими транзакциями отчётов.',
    recommendations: 'Увеличить пул до 40 и вынести отчёты в отдельную очередь.',
  });

  await irina('POST', `/api/v1/tickets/${backup.id}/resolve`, {
    body: 'Резервное копирование описано в разделе «Реестр → Обслуживание» документации.',
  });
  const administrator = caller(desk.app, await signIn(desk.app, ...ADMIN), 'ru');
  await administrator('POST', '/api/v1/webhooks', {
    url: 'https://crm.vendor.example/supportdesk',
    events: ['ticket.created', 'ticket.status_changed', 'ticket.satisfaction_received'],
    description: 'CRM: карточки клиентов',
  });
  await irina('POST', `/api/v1/tickets/${extended.id}/worklog`, {
    minutes: 50,
    note: 'Разбор журналов планировщика',
  });

  mkdirSync(OUT, { recursive: true });
  const shoot = async (page: Page, path: string, name: string) => {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
    process.stdout.write(`docs/screenshots/${name}.png\n`);
  };
  const contact = (await newPerson(browser, baseURL)).page;
  await signInAs(contact, ...STANDARD_CONTACT);
  await shoot(contact, '/', 'portal-home');
  await shoot(contact, '/requests/new', 'portal-new-request');
  await shoot(contact, `/requests/${first.id}`, 'portal-request');
  await shoot(contact, '/policy', 'portal-policy');
  await shoot(contact, `/requests/${backup.id}`, 'portal-rating');
  const phone = (await newPerson(browser, baseURL, 'ru-RU', PHONE)).page;
  await signInAs(phone, ...STANDARD_CONTACT);
  await shoot(phone, '/requests', 'portal-requests-phone');
  const agentPhone = (await newPerson(browser, baseURL, 'ru-RU', PHONE)).page;
  await signInAs(agentPhone, ...AGENT);
  await shoot(agentPhone, '/requests', 'console-queue-phone');
  const agent = (await newPerson(browser, baseURL)).page;
  await signInAs(agent, ...AGENT);
  await shoot(agent, '/', 'console-queue');
  await shoot(agent, `/requests/${extended.id}`, 'console-ticket');
  await shoot(agent, `/customers/${world.uralenergo.id}`, 'console-customer');
  await shoot(agent, '/calendar', 'console-calendar');
  await shoot(agent, '/reports', 'console-reports');
  await shoot(agent, '/macros', 'console-macros');
  await agent.goto(`/requests/${first.id}`);
  await agent.getByRole('button', { name: 'Применить макрос' }).first().click();
  await agent.getByRole('dialog').getByRole('combobox', { name: 'Макрос' }).click();
  await agent.getByRole('option', { name: /Просим журналы/ }).click();
  await agent.getByRole('dialog').getByText('статус: Ожидает клиента').waitFor();
  await agent.screenshot({ path: `${OUT}console-macro.png` });
  process.stdout.write('docs/screenshots/console-macro.png\n');
  await agent.goto('/profile');
  const twoFactor = agent.getByRole('region', { name: 'Двухфакторный вход' });
  await twoFactor.getByRole('button', { name: 'Включить' }).click();
  await twoFactor.getByRole('button', { name: 'Подключить аутентификатор' }).click();
  await twoFactor.getByRole('img').waitFor();
  await twoFactor.screenshot({ path: `${OUT}profile-two-factor.png` });
  process.stdout.write('docs/screenshots/profile-two-factor.png\n');
  const admin = (await newPerson(browser, baseURL, 'en-GB')).page;
  await signInAs(admin, ...ADMIN);
  await shoot(admin, '/team', 'console-team');
  await shoot(admin, '/webhooks', 'console-webhooks');
  await admin.getByText('EN', { exact: true }).click();
  await shoot(admin, '/', 'console-queue-en');
} finally {
  await browser.close();
  await desk.close();
}
