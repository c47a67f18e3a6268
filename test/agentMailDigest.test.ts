import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMail } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const IRINA = 'irina.sokolova@supportdesk.example';

/**
 * No alert floods: a support person who was already mailed the limit within a minute gets the rest of
 * the burst as one digest a minute later, every notice named in it once, and nothing twice.
 */
describe.each(databaseBackends)("a burst of support's mail ($name)", (backend) => {
  let desk: TestDesk;
  let world: DemoWorld;
  let anna: ReturnType<typeof caller>;

  const mailToIrina = async () =>
    desk.ctx.db
      .select({ subject: outboundMail.subject, text: outboundMail.text })
      .from(outboundMail)
      .where(eq(outboundMail.recipient, IRINA))
      .orderBy(asc(outboundMail.createdAt), asc(outboundMail.outboxId));

  beforeAll(async () => {
    desk = await openTestDesk(backend, {
      AGENT_MAIL_DIGEST_AFTER: '3',
      PUBLIC_URL: 'https://desk.vendor.example',
    });
    world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
    const irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    await irina('PUT', '/api/v1/me/notification-settings', { mail: { new_request: true } });
    await deliverOutbox(desk.ctx);
  });
  afterAll(() => desk?.close());

  it('mails the first three, then one digest of the rest a minute later', async () => {
    const filed = [];
    for (let index = 1; index <= 7; index += 1)
      filed.push(await fileOnBaltlog(anna, world, `Волна ${index}`));
    await deliverOutbox(desk.ctx);
    expect(await mailToIrina()).toHaveLength(3);

    desk.clock.advance(61_000);
    await deliverOutbox(desk.ctx);
    await deliverOutbox(desk.ctx);
    const mails = await mailToIrina();
    expect(mails).toHaveLength(4);
    const digest = mails[3];
    expect(digest?.subject).toBe('4 уведомления за минуту');
    // Every request is told once: three on their own, the other four in the digest, each with its link.
    for (const ticket of filed) {
      const naming = mails.filter((mail) => mail.text?.includes(`Новый запрос ${ticket.number} в очереди`));
      expect(naming, ticket.number).toHaveLength(1);
    }
    expect(digest?.text?.match(/https:\/\/desk\.vendor\.example\/requests\/SD-2026-\d{5}/g)).toHaveLength(4);

    // Delivered again (a retry, another instance): nothing more is sent.
    await deliverOutbox(desk.ctx);
    expect(await mailToIrina()).toHaveLength(4);
  });
});
