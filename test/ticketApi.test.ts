import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/accounts/auth.js';
import { registerRequest } from '../src/app/tickets/registerRequest.js';
import { rowsOf } from '../src/db/database.js';
import { databaseBackends } from './support/databases.js';
import { fileForm } from './support/multipart.js';
import {
  ADMIN,
  AGENT,
  caller,
  type DemoWorld,
  demoWorld,
  EXTENDED_CONTACT,
  instanceNamed,
  openTestDesk,
  type Session,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe.each(databaseBackends)(
  'tickets over the API: files, channels and bad input, on $name',
  (backend) => {
    let desk: TestDesk;
    let world: DemoWorld;
    let annaSession: Session;
    let anna: ReturnType<typeof caller>;
    let sergey: ReturnType<typeof caller>;
    let irina: ReturnType<typeof caller>;

    beforeAll(async () => {
      desk = await openTestDesk(backend, { ATTACHMENT_MAX_MB: '1' });
      world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
      annaSession = await signIn(desk.app, ...STANDARD_CONTACT);
      anna = caller(desk.app, annaSession);
      sergey = caller(desk.app, await signIn(desk.app, ...EXTENDED_CONTACT));
      irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    });
    afterAll(() => desk?.close());

    const upload = (session: Session, fileName: string, content: Buffer) => {
      const body = fileForm(fileName, content);
      return desk.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: {
          cookie: session.cookie,
          'x-csrf-token': session.csrfToken,
          'content-type': body.contentType,
        },
        payload: body.payload,
      });
    };

    it('stores attachments by their sniffed type and serves them as downloads to those who may see them', async () => {
      const log = await upload(
        annaSession,
        'esb.log',
        Buffer.from('2026-11-24 ERROR queue orders.in stalled\n'),
      );
      expect(log.statusCode, log.body).toBe(201);
      expect(log.json()).toMatchObject({
        fileName: 'esb.log',
        contentType: 'text/plain; charset=utf-8',
        size: 41,
      });
      const picture = await upload(annaSession, 'screen.txt', PNG);
      expect(picture.json()).toMatchObject({ contentType: 'image/png' });
      const page = await upload(
        annaSession,
        'report.html',
        Buffer.from('<html><script>alert(1)</script></html>'),
      );
      expect(page.json()).toMatchObject({ contentType: 'application/octet-stream' });

      const created = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'medium',
        subject: 'Журнал и снимок экрана',
        description: 'См. вложения.',
        attachmentIds: [log.json().id, picture.json().id, page.json().id],
      });
      expect(created.statusCode, created.body).toBe(201);
      const detail = (await anna('GET', `/api/v1/tickets/${created.json().id}`)).json();
      // The files are shown with the description, once: the message that carries them is not repeated.
      expect(detail.messages).toEqual([]);
      expect(detail.descriptionAttachments.map((file: { fileName: string }) => file.fileName)).toEqual([
        'esb.log',
        'screen.txt',
        'report.html',
      ]);

      const download = await anna('GET', `/api/v1/attachments/${page.json().id}`);
      expect(download.statusCode).toBe(200);
      expect(download.headers).toMatchObject({
        'content-type': 'application/octet-stream',
        'content-disposition': "attachment; filename*=UTF-8''report.html",
        'x-content-type-options': 'nosniff',
      });
      expect(download.body).toBe('<html><script>alert(1)</script></html>');
      expect((await irina('GET', `/api/v1/attachments/${log.json().id}`)).statusCode).toBe(200);
      expect((await sergey('GET', `/api/v1/attachments/${log.json().id}`)).statusCode).toBe(404);
    });

    it('refuses a file over the limit, an empty one, and another person upload', async () => {
      const large = await upload(annaSession, 'dump.bin', Buffer.alloc(1_048_577, 1));
      expect(large.statusCode).toBe(400);
      expect(large.json()).toMatchObject({ code: 'attachment_too_large', field: 'file' });
      const empty = await upload(annaSession, 'empty.txt', Buffer.alloc(0));
      expect(empty.json()).toMatchObject({ code: 'attachment_empty', field: 'file' });

      const sergeySession = await signIn(desk.app, ...EXTENDED_CONTACT);
      const theirs = (await upload(sergeySession, 'their.log', Buffer.from('x'))).json();
      const [before] = await rowsOf<{ count: number }>(
        desk.database.db,
        sql`select count(*)::int as count from tickets`,
      );
      const stolen = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'low',
        subject: 'Чужое вложение',
        description: 'x',
        attachmentIds: [theirs.id],
      });
      expect(stolen.json()).toMatchObject({ code: 'attachment_unknown', field: 'attachmentIds.0' });
      const [after] = await rowsOf<{ count: number }>(
        desk.database.db,
        sql`select count(*)::int as count from tickets`,
      );
      expect(after?.count).toBe(before?.count);
    });

    it("lets support file on a contact's behalf, and records the channel", async () => {
      const missing = await irina('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb'),
        severity: 'high',
        subject: 'Звонок клиента',
        description: 'Клиент позвонил по телефону.',
      });
      expect(missing.json()).toMatchObject({ code: 'contact_identity_required', field: 'contactId' });
      const sergeyId = world.uralenergo.contacts.find((contact) => contact.email === EXTENDED_CONTACT[0])?.id;
      const onBehalf = await irina('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb'),
        severity: 'high',
        subject: 'Звонок клиента',
        description: 'Клиент позвонил по телефону.',
        contactId: sergeyId,
      });
      expect(onBehalf.json()).toMatchObject({ contactId: sergeyId, level: 'extended', channel: 'portal' });

      const { token } = await createApiToken(
        desk.ctx,
        { type: 'system', name: 'test' },
        {
          email: STANDARD_CONTACT[0],
          name: 'monitoring',
        },
      );
      const viaToken = await desk.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          instanceId: instanceNamed(world.baltlog, 'registry-prod-spb'),
          severity: 'critical',
          subject: 'Мониторинг: реестр недоступен',
          description: 'Автоматическое оповещение.',
        },
      });
      expect(viaToken.json()).toMatchObject({ channel: 'api', severity: 'critical' });
    });

    it('answers a retried write with the same Idempotency-Key once, and refuses the key for another write', async () => {
      const retry = (url: string, key: string, payload: Record<string, unknown>, session = annaSession) =>
        desk.app.inject({
          method: 'POST',
          url,
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            'idempotency-key': key,
            'accept-language': 'ru',
          },
          payload,
        });
      const request = {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'medium',
        subject: 'Повтор после обрыва связи',
        description: 'Ответ не дошёл, клиент отправил ещё раз.',
      };
      const key = 'c9a3c1f6-2f43-4b8e-9d0e-1a1f0f3b7c11';
      const [first, second] = await Promise.all([
        retry('/api/v1/tickets', key, request),
        retry('/api/v1/tickets', key, request),
      ]);
      expect(first.statusCode, first.body).toBe(201);
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json().id).toBe(first.json().id);
      expect((await retry('/api/v1/tickets', key, request)).json().number).toBe(first.json().number);
      const stored = await rowsOf<{ count: number }>(
        desk.database.db,
        sql`select count(*)::int as count from tickets where subject = ${request.subject}`,
      );
      expect(stored[0]?.count).toBe(1);
      // One acknowledgement: one delivery per channel, none twice.
      const acknowledgements = await rowsOf<{ topic: string }>(
        desk.database.db,
        sql`select topic from outbox
            where payload->>'template' = 'ticket_acknowledged' and payload->>'ticketId' = ${first.json().id}`,
      );
      const topics = acknowledgements.map((row) => row.topic);
      expect(topics.length).toBeGreaterThan(0);
      expect(new Set(topics).size).toBe(topics.length);

      const reused = await retry('/api/v1/tickets', key, { ...request, subject: 'Другой запрос' });
      expect(reused.statusCode).toBe(409);
      expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
      expect(reused.json().title).toContain('Idempotency-Key');
      // Another caller's key of the same spelling is another key.
      const sergeyFiles = await retry(
        '/api/v1/tickets',
        key,
        { ...request, instanceId: instanceNamed(world.uralenergo, 'esb-prod-ekb') },
        await signIn(desk.app, ...EXTENDED_CONTACT),
      );
      expect(sergeyFiles.statusCode, sergeyFiles.body).toBe(201);
      expect(sergeyFiles.json().id).not.toBe(first.json().id);

      // A reply retried after it moved the request on still answers the first reply, not 409.
      const irinaSession = await signIn(desk.app, ...AGENT);
      const ticketId = first.json().id as string;
      const reply = { body: 'Посмотрим журнал шины.', visibility: 'public', version: first.json().version };
      const replied = await retry(`/api/v1/tickets/${ticketId}/messages`, 'reply-1', reply, irinaSession);
      expect(replied.statusCode, replied.body).toBe(201);
      const again = await retry(`/api/v1/tickets/${ticketId}/messages`, 'reply-1', reply, irinaSession);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json().messageId).toBe(replied.json().messageId);
      const versionAfterReply = (await irina('GET', `/api/v1/tickets/${ticketId}`)).json().version;
      await retry(`/api/v1/tickets/${ticketId}/messages`, 'reply-1', reply, irinaSession);
      expect((await irina('GET', `/api/v1/tickets/${ticketId}`)).json().version).toBe(versionAfterReply);
      const detail = (await irina('GET', `/api/v1/tickets/${ticketId}`)).json();
      expect(detail.messages.filter((message: { body: string }) => message.body === reply.body)).toHaveLength(
        1,
      );
      const otherText = await retry(
        `/api/v1/tickets/${ticketId}/messages`,
        'reply-1',
        { body: 'Другой текст', visibility: 'public' },
        irinaSession,
      );
      expect(otherText.json()).toMatchObject({ code: 'idempotency_key_reused' });
      // A split copies the message; the copy is not the write the key named.
      const split = await irina('POST', `/api/v1/tickets/${ticketId}/split`, {
        parts: [
          { subject: 'Часть 1', severity: 'medium', messageIds: [replied.json().messageId] },
          { subject: 'Часть 2', severity: 'low', messageIds: [replied.json().messageId] },
        ],
      });
      expect(split.statusCode, split.body).toBe(201);

      const badKey = await retry('/api/v1/tickets', 'два слова', request);
      expect(badKey.statusCode).toBe(400);
      expect(JSON.stringify(badKey.json())).toContain('Idempotency-Key');
    });

    it('numbers requests per Moscow year and keeps every digit past 99,999', async () => {
      const file = () =>
        anna('POST', '/api/v1/tickets', {
          instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
          severity: 'low',
          subject: 'Номер',
          description: 'x',
        });
      const first = (await file()).json().number as string;
      expect(first).toMatch(/^SD-2026-\d{5}$/);
      expect((await file()).json().number).toBe(
        `SD-2026-${String(Number(first.slice(8)) + 1).padStart(5, '0')}`,
      );
      await desk.database.db.execute(sql`select setval('ticket_number_2026', 99999)`);
      expect((await file()).json().number).toBe('SD-2026-100000');
      // The first request of the new Moscow year, straight through the use case (sessions do not span the jump).
      desk.clock.set(new Date('2026-12-31T21:00:00Z'));
      const annaId =
        world.baltlog.contacts.find((contact) => contact.email === STANDARD_CONTACT[0])?.id ?? '';
      const newYear = await registerRequest(
        desk.ctx,
        { type: 'system', name: 'test' },
        {
          channel: 'email',
          contactId: annaId,
          instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
          severity: 'low',
          category: 'problem',
          subject: 'Номер',
          description: 'x',
          attachmentIds: [],
          receivedAt: desk.clock.now(),
        },
      );
      expect(newYear.number).toBe('SD-2027-00001');
      desk.clock.set(new Date('2026-11-24T09:00:00Z'));
    });

    it('answers bad input on every ticket write with the field, storing nothing', async () => {
      const created = await anna('POST', '/api/v1/tickets', {
        instanceId: instanceNamed(world.baltlog, 'esb-prod-spb'),
        severity: 'low',
        subject: 'Для проверки ввода',
        description: 'x',
      });
      const ticketId = created.json().id;
      const counts = async () =>
        rowsOf<{ tickets: number; messages: number; sessions: number }>(
          desk.database.db,
          sql`select (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_messages) as messages, (select count(*)::int from remote_sessions) as sessions`,
        );
      const before = await counts();
      const instanceId = instanceNamed(world.baltlog, 'esb-prod-spb');
      const cases: [ReturnType<typeof caller>, string, unknown, string, string][] = [
        [
          anna,
          '/api/v1/tickets',
          { instanceId, severity: 'low', description: 'x' },
          'subject',
          'validation_failed',
        ],
        [
          anna,
          '/api/v1/tickets',
          { instanceId, severity: 'urgent', subject: 's', description: 'x' },
          'severity',
          'validation_failed',
        ],
        [
          anna,
          '/api/v1/tickets',
          { instanceId, severity: 'low', category: 'bug', subject: 's', description: 'x' },
          'category',
          'validation_failed',
        ],
        [
          anna,
          '/api/v1/tickets',
          { instanceId: 'esb', severity: 'low', subject: 's', description: 'x' },
          'instanceId',
          'validation_failed',
        ],
        [anna, `/api/v1/tickets/${ticketId}/messages`, { body: '   ' }, 'body', 'validation_failed'],
        [irina, `/api/v1/tickets/${ticketId}/split`, { parts: [] }, 'parts', 'validation_failed'],
        [
          irina,
          `/api/v1/tickets/${ticketId}/severity`,
          { severity: 'high', reason: '' },
          'reason',
          'validation_failed',
        ],
        [
          irina,
          `/api/v1/tickets/${ticketId}/assignee`,
          { assigneeId: '00000000-0000-4000-8000-000000000000' },
          'assigneeId',
          'assignee_unknown',
        ],
        [
          irina,
          `/api/v1/tickets/${ticketId}/remote-sessions`,
          { startedAt: '2026-11-24T10:00:00+03:00', durationMinutes: 0, outcome: 'o', recommendations: 'r' },
          'durationMinutes',
          'validation_failed',
        ],
        [irina, `/api/v1/tickets/${ticketId}/resolve`, {}, 'body', 'validation_failed'],
      ];
      for (const [who, url, payload, field, code] of cases) {
        const response = await who('POST', url, payload);
        expect(response.statusCode, `${url} ${response.body}`).toBe(400);
        expect(response.headers['content-type']).toContain('application/problem+json');
        expect(response.json(), url).toMatchObject({ field, code });
      }
      expect(await counts()).toEqual(before);
    });
  },
);
