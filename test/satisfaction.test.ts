import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/db/database.js';
import { outboundMail, satisfactionSurveys } from '../src/db/schema.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface RatingLink {
  surveyId: string;
  score: number;
  signature: string;
}

describe.each(databaseBackends)('the customer’s rating on $name', (backend) => {
  let desk: TestDesk;
  let admin: Caller;
  let irina: Caller;
  let irinaId: string;
  let anna: Caller;
  let sergey: Caller;
  let world: DemoWorld;

  beforeAll(async () => {
    desk = await openTestDesk(backend);
    const adminSession = await signIn(desk.app, ...ADMIN);
    admin = caller(desk.app, adminSession);
    world = await demoWorld(desk.app, adminSession);
    irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    irinaId = (await irina('GET', '/api/v1/me')).json().principal.id;
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
  });
  afterAll(() => desk.close());

  /** A request Irina takes, answers and resolves; the rating is asked a minute later. */
  const resolvedRequest = async (subject: string) => {
    const ticket = await fileOnBaltlog(anna, world, subject);
    const assigned = await irina('POST', `/api/v1/tickets/${ticket.id}/assignee`, { assigneeId: irinaId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(
      (await irina('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Смотрим.' })).statusCode,
    ).toBe(201);
    const resolved = await irina('POST', `/api/v1/tickets/${ticket.id}/resolve`, { body: 'Готово.' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    desk.clock.advance(61_000);
    await deliverOutbox(desk.ctx);
    return ticket;
  };

  /** The five links of the rating mail of a request, as a mail reader would click them. */
  const linksInMail = async (number: string): Promise<RatingLink[]> => {
    const mails = await desk.database.db
      .select({ subject: outboundMail.subject, text: outboundMail.text })
      .from(outboundMail);
    const mail = mails.find(
      (candidate) => candidate.subject.includes(number) && candidate.text.includes('/rate#'),
    );
    if (!mail) throw new Error(`no rating mail for ${number}`);
    return [...mail.text.matchAll(/\/rate#survey=([0-9a-f-]{36})&score=(\d)&sig=([0-9a-f]{64})/g)].map(
      (match) => ({
        surveyId: match[1] as string,
        score: Number(match[2]),
        signature: match[3] as string,
      }),
    );
  };

  const rateByLink = (link: RatingLink) =>
    desk.app.inject({ method: 'POST', url: '/api/v1/satisfaction/ratings', payload: { ...link } });

  it('asks by mail with five signed links, takes one click once and refuses a forged or reused link', async () => {
    const ticket = await resolvedRequest('Оценка по ссылке');
    const links = await linksInMail(ticket.number);
    expect(links.map((link) => link.score)).toEqual([1, 2, 3, 4, 5]);
    const [, , , four, five] = links;
    if (!four || !five) throw new Error('links missing');

    const forged = await rateByLink({ ...five, signature: four.signature });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('rating_link_invalid');
    const otherSurvey = await rateByLink({ ...four, surveyId: '00000000-0000-4000-8000-000000000000' });
    expect(otherSurvey.statusCode).toBe(403);
    const malformed = await rateByLink({ ...four, signature: 'x' });
    expect(malformed.statusCode).toBe(400);

    const rated = await rateByLink(four);
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ number: ticket.number, score: 4, comment: null });
    const again = await rateByLink(four);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('rating_already_given');
    expect((await rateByLink(five)).statusCode).toBe(409);

    const comment = (link: RatingLink, text: string) =>
      desk.app.inject({
        method: 'POST',
        url: '/api/v1/satisfaction/comments',
        headers: { 'accept-language': 'ru' },
        payload: { ...link, comment: text },
      });
    const withOtherLink = await comment(five, 'Не тот балл');
    expect(withOtherLink.statusCode).toBe(403);
    expect(withOtherLink.json().title).toMatch(/[а-я]/);
    expect((await comment(four, 'Быстро и по делу')).statusCode).toBe(200);
    const secondComment = await comment(four, 'Ещё');
    expect(secondComment.statusCode).toBe(409);
    expect(secondComment.json().code).toBe('rating_comment_given');

    const forSupport = (await irina('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(forSupport.satisfaction).toMatchObject({
      score: 4,
      comment: 'Быстро и по делу',
      channel: 'mail',
      mayRate: false,
    });
    expect(
      forSupport.history.some(
        (event: { after: Record<string, unknown> | null }) => event.after?.satisfaction === 4,
      ),
    ).toBe(true);
  });

  it('takes the rating in the portal from the contact who was asked, once', async () => {
    const ticket = await resolvedRequest('Оценка на портале');
    const asked = (await anna('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(asked.satisfaction).toMatchObject({ score: null, mayRate: true });
    expect((await sergey('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, { score: 5 })).statusCode).toBe(
      404,
    );
    expect((await irina('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, { score: 5 })).statusCode).toBe(
      403,
    );
    expect((await anna('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, { score: 6 })).statusCode).toBe(
      400,
    );
    const rated = await anna('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, {
      score: 2,
      comment: 'Долго ждали ответа',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({
      score: 2,
      comment: 'Долго ждали ответа',
      channel: 'portal',
      mayRate: false,
    });
    const twice = await anna('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, { score: 5 });
    expect(twice.statusCode).toBe(409);
    const [link] = await linksInMail(ticket.number);
    if (!link) throw new Error('no link');
    expect((await rateByLink(link)).statusCode).toBe(409);
  });

  it('asks once: a request reopened and resolved again is not asked a second time', async () => {
    const ticket = await resolvedRequest('Повторное решение');
    const reopened = await anna('POST', `/api/v1/tickets/${ticket.id}/reopen`);
    expect(reopened.statusCode, reopened.body).toBe(200);
    const resolved = await irina('POST', `/api/v1/tickets/${ticket.id}/resolve`, { body: 'Теперь точно.' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    desk.clock.advance(61_000);
    await deliverOutbox(desk.ctx);
    const surveys = await desk.database.db
      .select()
      .from(satisfactionSurveys)
      .where(eq(satisfactionSurveys.ticketId, ticket.id));
    expect(surveys).toHaveLength(1);
    const asks = await rowsOf<{ count: number }>(
      desk.database.db,
      sql`select count(*)::int as count from outbox
          where topic = 'notice.mail' and payload ->> 'template' = 'satisfaction_request'
            and payload ->> 'ticketId' = ${ticket.id}`,
    );
    expect(asks[0]?.count).toBe(1);
    const ratedLater = await anna('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, { score: 5 });
    expect(ratedLater.statusCode, ratedLater.body).toBe(200);
  });

  it('reports ratings by month, agent and organization, and each agent’s month, exported like the others', async () => {
    const query = 'from=2026-11-01&to=2026-12-31';
    const satisfaction = await irina('GET', `/api/v1/reports/satisfaction?${query}`);
    expect(satisfaction.statusCode, satisfaction.body).toBe(200);
    const rows = satisfaction.json() as {
      agent: string;
      organization: string;
      asked: number;
      rated: number;
    }[];
    const irinas = rows.filter((row) => row.agent?.startsWith('Ирина'));
    expect(irinas.reduce((sum, row) => sum + row.asked, 0)).toBe(3);
    expect(irinas.reduce((sum, row) => sum + row.rated, 0)).toBe(3);
    expect(irinas[0]).toMatchObject({ score2: 1, score4: 1, score5: 1, averageScore: 3.67 });

    const agents = (await irina('GET', `/api/v1/reports/agents?${query}`)).json() as {
      agent: string;
      replies: number;
      responses: number;
      rated: number;
      averageScore: number;
    }[];
    const irinaRow = agents.find((row) => row.agent.startsWith('Ирина'));
    expect(irinaRow?.responses).toBeGreaterThanOrEqual(3);
    expect(irinaRow?.replies).toBeGreaterThanOrEqual(3);
    expect(irinaRow).toMatchObject({ rated: 3, averageScore: 3.67 });

    const resolution = (await admin('GET', `/api/v1/reports/resolution?${query}`)).json() as {
      resolved: number;
    }[];
    expect(resolution.reduce((sum, row) => sum + row.resolved, 0)).toBeGreaterThanOrEqual(3);

    const csv = await caller(
      desk.app,
      await signIn(desk.app, ...ADMIN),
      'ru',
    )('GET', `/api/v1/reports/satisfaction?${query}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Средняя оценка');
    expect((await anna('GET', `/api/v1/reports/satisfaction?${query}`)).statusCode).toBe(403);
  });
});
