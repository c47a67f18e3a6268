import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMail } from '../src/db/schema.js';
import { deskInBrowser, newPerson } from './support/browser.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  AGENT,
  type Caller,
  caller,
  demoWorld,
  fileOnBaltlog,
  STANDARD_CONTACT,
  signIn,
} from './support/testDesk.js';

const [pglite] = databaseBackends;
if (!pglite) throw new Error('PGlite is always a backend');

/** The customer's rating in Debian's Chromium: a mail's one-click link, the portal's stars, the console. */
describe('the rating of a resolved request in a real browser', () => {
  let desk: Awaited<ReturnType<typeof deskInBrowser>>;
  let baseURL: string;
  const tickets: { id: string; number: string }[] = [];

  beforeAll(async () => {
    desk = await deskInBrowser(pglite);
    const { app } = desk.desk;
    baseURL = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const annaSession = await signIn(app, ...STANDARD_CONTACT);
    const anna: Caller = caller(app, annaSession);
    const irina = caller(app, await signIn(app, ...AGENT));
    const world = await demoWorld(app, await signIn(app, 'admin@supportdesk.example', 'admin-demo-2026'));
    for (const subject of ['Оценка из письма', 'Оценка на портале']) {
      const ticket = await fileOnBaltlog(anna, world, subject);
      const resolved = await irina('POST', `/api/v1/tickets/${ticket.id}/resolve`, { body: 'Исправлено.' });
      expect(resolved.statusCode, resolved.body).toBe(200);
      tickets.push(ticket);
    }
    desk.desk.clock.advance(61_000);
    await deliverOutbox(desk.desk.ctx);
  });

  afterAll(async () => {
    await desk?.close();
  });

  const linkInMail = async (number: string, score: number) => {
    const mails = await desk.desk.database.db.select().from(outboundMail);
    const text =
      mails.find((mail) => mail.subject.includes(number) && mail.text.includes('/rate#'))?.text ?? '';
    const link = new RegExp(`(/rate#survey=[0-9a-f-]+&score=${score}&sig=[0-9a-f]{64})`).exec(text)?.[1];
    if (!link) throw new Error(`no ${score} link in the mail of ${number}`);
    return link;
  };

  it('rates with one click from the mail without signing in, takes a comment, and refuses the link again', async () => {
    const [first] = tickets;
    if (!first) throw new Error('no request');
    const link = await linkInMail(first.number, 4);
    const { page, context } = await newPerson(desk.browser, baseURL);
    await page.goto(link);
    await page.getByText('Спасибо за оценку.').waitFor();
    await expect(page.getByText(`Запрос ${first.number}`).isVisible()).resolves.toBe(true);
    await page.getByLabel('Комментарий (необязательно)').fill('Быстро разобрались');
    await page.getByRole('button', { name: 'Отправить комментарий' }).click();
    await page.getByText('Спасибо: комментарий передан поддержке.').waitFor();

    await page.goto('/');
    await page.goto(link);
    await page.getByRole('alert').filter({ hasText: 'уже оценён' }).waitFor();
    await context.close();

    const irina = await desk.signedIn(AGENT);
    await irina.goto(`/requests/${first.id}`);
    const rating = irina.getByTestId('rating');
    await rating.getByText('4 из 5').waitFor();
    await expect(rating.textContent()).resolves.toContain('Быстро разобрались');
    await expect(rating.textContent()).resolves.toContain('по ссылке из письма');
  });

  it('rates in the portal with five stars and a comment, once', async () => {
    const [, second] = tickets;
    if (!second) throw new Error('no request');
    const anna = await desk.signedIn(STANDARD_CONTACT);
    await anna.goto(`/requests/${second.id}`);
    const form = anna.getByRole('region', { name: 'Ваша оценка' });
    await form.getByText('Насколько хорошо решён этот запрос?').waitFor();
    // Each star is the label of a hidden radio button: the reader clicks the fifth star.
    const fifth = await form.getByLabel('5 из 5', { exact: true }).getAttribute('id');
    await form.locator(`label[for="${fifth}"]`).click();
    await form.getByLabel('Комментарий (необязательно)').fill('Спасибо!');
    await form.getByRole('button', { name: 'Отправить оценку' }).click();
    await anna.getByText('Спасибо за оценку.').waitFor();
    await form.getByTestId('rating').getByText('5 из 5').waitFor();
    await expect(form.getByRole('button', { name: 'Отправить оценку' }).count()).resolves.toBe(0);
  });
});
