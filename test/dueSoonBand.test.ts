import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  demoWorld,
  everyPage,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const MINUTE = 60_000;

/**
 * The due-soon band walks the deadline's index from the moment on and keeps the warned requests; where
 * requests with short warnings, not yet warned, lie between them, the rest of the band is found past the
 * walk. Requests with a long warning (warned two days before their deadline) are interleaved here with
 * requests warned five minutes before theirs, so that every walk meets both.
 */
describe.each(databaseBackends)('the due-soon band among shorter warnings on $name', (backend) => {
  let desk: TestDesk;
  let agent: Caller;
  const warned: string[] = [];
  const notYetWarned: string[] = [];

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    const world = await demoWorld(desk.app, adminSession);
    agent = caller(desk.app, await signIn(desk.app, ...AGENT));
    const anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    const template = await fileOnBaltlog(anna, world, 'Образец');
    const now = desk.clock.now().getTime();
    for (let step = 1; step <= 7; step += 1) {
      // A short warning, not yet reached: due in step × 10 minutes, warned five minutes before.
      notYetWarned.push(await copyOf(template.id, `short-${step}`, now + step * 10 * MINUTE, 5 * MINUTE));
      // A long warning, reached: due five minutes after it, warned two days before.
      warned.push(
        await copyOf(template.id, `long-${step}`, now + (step * 10 + 5) * MINUTE, 2 * 1440 * MINUTE),
      );
    }
  });
  afterAll(() => desk?.close());

  /** A new request like the template, answered by nobody, with its deadline and warning set here. */
  async function copyOf(templateId: string, name: string, dueAt: number, warnedBefore: number) {
    const [row] = (await desk.ctx.db
      .execute(sql`insert into tickets (number, organization_id, contact_id,
        instance_id, certificate_id, level, policy_version, channel, category, subject, description, severity,
        status, registered_at, response_due_at, response_warn_at)
      select ${`SD-BAND-${name}`}, organization_id, contact_id, instance_id, certificate_id, level,
        policy_version, channel, category, ${name}, description, severity, 'new', registered_at,
        ${new Date(dueAt).toISOString()}::timestamptz, ${new Date(dueAt - warnedBefore).toISOString()}::timestamptz
      from tickets where id = ${templateId} returning id`)
      .then((result) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows))) as {
      id: string;
    }[];
    if (!row) throw new Error(name);
    return row.id;
  }

  const ours = (ids: string[]) => ids.filter((id) => warned.includes(id) || notYetWarned.includes(id));

  const walk = async (size: number) =>
    (await everyPage<{ id: string }>(agent, '/api/v1/tickets?status=new', size)).map((item) => item.id);

  it('lists every warned request before those not yet warned, each by its deadline', async () => {
    const listed = ours(await walk(100));
    expect(listed).toEqual([...warned, ...notYetWarned]);
  });

  it('pages through the band, and past its walk, at every page size', async () => {
    const whole = await walk(100);
    for (const size of [1, 2, 3, 4, 6]) expect(await walk(size), `pages of ${size}`).toEqual(whole);
  });
});
