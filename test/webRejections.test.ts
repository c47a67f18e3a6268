import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejectIntake } from '../src/app/tickets/registerRequest.js';
import { deskInBrowser } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { ADMIN } from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** An administrator settles a refused mail from the list: registered for the contact who sent it. */
describe('refused messages in the console', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;

  beforeAll(async () => {
    desk = await deskInBrowser(pglite);
    await rejectIntake(
      desk.desk.ctx,
      {
        channel: 'email',
        sender: 'anna.home@mail.example',
        severity: 'high',
        subject: 'Импорт накладных остановился',
        description: 'С утра не приходят накладные из 1С.',
        instanceId: null,
      },
      undefined,
      null,
      'contact_unknown',
      desk.desk.clock.now(),
    );
  });
  afterAll(async () => {
    await desk?.close();
  });

  it('registers a refused mail for a known contact, and the list says so', async () => {
    const admin = await desk.signedIn(ADMIN);
    await admin.goto('/rejections');
    await admin.getByRole('button', { name: 'Зарегистрировать' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Клиент' }).click();
    await admin.getByRole('option', { name: 'АО «Балтийская логистика»' }).click();
    await dialog.getByRole('combobox', { name: 'Контактное лицо' }).click();
    await admin.getByRole('option', { name: /Анна Петрова/ }).click();
    await dialog.getByRole('combobox', { name: 'Экземпляр' }).click();
    await admin.getByRole('option', { name: 'esb-prod-spb' }).click();
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const settled = admin.getByTestId('settlement');
    await settled.waitFor();
    expect(await settled.textContent()).toMatch(/Зарегистрирован запрос SD-2026-\d{5}/);
  });
});
