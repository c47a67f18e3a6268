import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskInBrowser } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import { ADMIN, caller, demoWorld, fileOnBaltlog, STANDARD_CONTACT, signIn } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** An administrator registers the vendor's CRM in Debian's Chromium and follows its deliveries. */
describe('the webhooks page in a real browser', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let receiver: Server;
  let port = 0;
  let taken = 0;

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        taken += 1;
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    port = (receiver.address() as AddressInfo).port;
    desk = await deskInBrowser(pglite, { WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await desk?.close();
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('refuses an address inside, shows the secret once, and logs the deliveries with their answers', async () => {
    const admin = await desk.signedIn(ADMIN);
    await admin.getByRole('link', { name: 'Вебхуки' }).first().click();
    const form = admin.getByRole('form', { name: 'Добавить адресата' });
    await form.getByRole('textbox', { name: 'Адрес' }).fill('http://10.0.0.5/hooks');
    await form.getByRole('combobox', { name: 'События' }).click();
    await admin.getByRole('option', { name: 'Запрос создан' }).click();
    await admin.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Добавить' }).click();
    await form.getByText('Вебхук должен работать по HTTPS').waitFor();

    await form.getByRole('textbox', { name: 'Адрес' }).fill(`http://127.0.0.1:${port}/crm`);
    await form.getByRole('textbox', { name: 'Что это (необязательно)' }).fill('CRM');
    await form.getByRole('button', { name: 'Добавить' }).click();
    const secret = await admin.getByTestId('webhook-secret').textContent();
    expect(secret).toMatch(/^whsec_/);
    await admin.getByRole('cell', { name: `http://127.0.0.1:${port}/crm` }).waitFor();

    const { app } = desk.desk;
    const adminSession = await signIn(app, ...ADMIN);
    const anna = caller(app, await signIn(app, ...STANDARD_CONTACT));
    await fileOnBaltlog(anna, await demoWorld(app, adminSession), 'Для CRM');
    await deliverOutbox(desk.desk.ctx);
    expect(taken).toBe(1);

    await admin.reload();
    await admin.getByRole('cell', { name: /127\.0\.0\.1/ }).waitFor();
    await expect(admin.getByTestId('webhook-secret').count()).resolves.toBe(0);
    await admin.getByRole('button', { name: 'Отправки' }).click();
    const log = admin.getByRole('region', { name: `Отправки на http://127.0.0.1:${port}/crm` });
    await log.getByText('Доставлено · 204').waitFor();
    await expect(log.getByText('Запрос создан').count()).resolves.toBe(1);
  });
});
