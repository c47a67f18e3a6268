import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCertificateReminders } from '../src/app/customers/certificateReminders.js';
import { pruneOutbox } from '../src/app/outbox/deliveryLog.js';
import { WebhookAddressRefused } from '../src/app/ports/webhookPoster.js';
import { runSlaWatch } from '../src/app/tickets/sweeps.js';
import { verifySignature } from '../src/app/webhooks/signature.js';
import { httpWebhookPoster } from '../src/channels/webhooks/httpPoster.js';
import { WEBHOOK_EVENTS } from '../src/domain/webhooks/events.js';
import { databaseBackends } from './support/databases.js';
import { deliverOutbox } from './support/outbox.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  type DemoWorld,
  demoWorld,
  fileOnBaltlog,
  instanceNamed,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  event: {
    id: string;
    type: string;
    version: number;
    occurredAt: string;
    actor: { type: string; id: string | null; name: string } | null;
    organizationId: string | null;
    ticket: { id: string; number: string; version: number };
    data: never;
  };
  signedAt: number | null;
}

/**
 * The vendor's system on loopback: it checks every signature with the secret it was given, keeps
 * what it took, and can be stopped, or made to answer with an error, like a real endpoint.
 */
class Receiver {
  readonly received: Received[] = [];
  secret = '';
  /** The receiver's clock, which the desk's runs with: a delivery signed more than 5 minutes off is refused. */
  nowSeconds: () => number = () => 0;
  /** Answers this status instead of 204 while set. */
  failWith: number | null = null;
  private server: Server | null = null;
  port = 0;

  async start(port = 0): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (this.failWith !== null) {
          response.writeHead(this.failWith).end('busy');
          return;
        }
        const body = Buffer.concat(chunks).toString('utf8');
        const header = String(request.headers['x-supportdesk-signature'] ?? '');
        this.received.push({
          headers: request.headers,
          body,
          event: JSON.parse(body),
          signedAt: verifySignature(this.secret, header, body, this.nowSeconds()),
        });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  of(ticketId: string) {
    return this.received.filter((entry) => entry.event.ticket?.id === ticketId);
  }
}

describe.each(databaseBackends)('outgoing webhooks on $name', (backend) => {
  const receiver = new Receiver();
  let desk: TestDesk;
  let admin: Caller;
  let irina: Caller;
  let anna: Caller;
  let world: DemoWorld;
  let webhookId: string;

  const deliveries = async () => {
    const response = await admin('GET', `/api/v1/webhooks/${webhookId}/deliveries?limit=200`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      eventId: string;
      state: string;
      attempts: number;
      responseStatus: number | null;
    }[];
  };

  let adminInRussian: Caller;
  /** Sessions end while the clock runs days ahead: everyone signs in again. */
  const signInAll = async () => {
    const adminSession = await signIn(desk.app, ...ADMIN);
    admin = caller(desk.app, adminSession);
    adminInRussian = caller(desk.app, adminSession, 'ru');
    irina = caller(desk.app, await signIn(desk.app, ...AGENT));
    anna = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
    return adminSession;
  };
  const later = async (ms: number) => {
    desk.clock.advance(ms);
    await signInAll();
  };

  beforeAll(async () => {
    await receiver.start();
    desk = await openTestDesk(backend, {
      WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${receiver.port}`,
      // Everyone signs in again each time the clock runs ahead, more often than a person would.
      LOGIN_RATE_LIMIT: '100',
    });
    world = await demoWorld(desk.app, await signInAll());
    receiver.nowSeconds = () => Math.floor(desk.clock.now().getTime() / 1000);
  });
  afterAll(async () => {
    await desk.close();
    await receiver.stop();
  });

  it('keeps endpoints to public HTTPS unless the operator allowed the host, and says why in the reader’s language', async () => {
    const refused = async (url: string, language = 'en') => {
      const response = await (language === 'ru' ? adminInRussian : admin)('POST', '/api/v1/webhooks', {
        url,
        events: ['ticket.created'],
      });
      expect(response.statusCode, response.body).toBe(400);
      return response.json() as { code: string; field: string; title: string };
    };
    expect(await refused('http://crm.vendor.example/hooks')).toMatchObject({
      code: 'webhook_https_required',
      field: 'url',
    });
    expect((await refused('https://10.1.2.3/hooks')).code).toBe('webhook_address_not_public');
    expect((await refused('https://169.254.169.254/latest/meta-data')).code).toBe(
      'webhook_address_not_public',
    );
    expect((await refused('https://[::1]:8443/hooks')).code).toBe('webhook_address_not_public');
    expect((await refused('https://localhost/hooks')).code).toBe('webhook_address_not_public');
    // The allowed host is allowed on its own port only.
    expect((await refused(`http://127.0.0.1:${receiver.port + 1}/hooks`)).code).toBe(
      'webhook_https_required',
    );
    expect((await refused('https://crm:secret@crm.vendor.example/hooks')).code).toBe(
      'webhook_credentials_in_url',
    );
    expect((await refused('ftp://crm.vendor.example/hooks')).code).toBe('webhook_url_invalid');
    const inRussian = await refused('http://crm.vendor.example/hooks', 'ru');
    expect(inRussian.title).toContain('HTTPS');
    expect(inRussian.title).toMatch(/[а-я]/);

    const unknownEvent = await admin('POST', '/api/v1/webhooks', {
      url: 'https://crm.vendor.example/hooks',
      events: ['ticket.deleted'],
    });
    expect(unknownEvent.statusCode).toBe(400);
    expect(unknownEvent.json().field).toBe('events.0');
    expect(
      (await admin('POST', '/api/v1/webhooks', { url: 'https://crm.vendor.example/hooks', events: [] }))
        .statusCode,
    ).toBe(400);
    const byAgent = await irina('POST', '/api/v1/webhooks', {
      url: 'https://crm.vendor.example/hooks',
      events: ['ticket.created'],
    });
    expect(byAgent.statusCode).toBe(403);
    expect((await irina('GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect((await anna('GET', '/api/v1/webhooks')).statusCode).toBe(403);
    expect((await admin('GET', '/api/v1/webhooks')).json()).toEqual([]);
  });

  it('refuses at delivery a host name that stands for an address inside', async () => {
    const poster = httpWebhookPoster([]);
    await expect(poster.post('https://localhost:9/hooks', {}, '{}')).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
    await expect(poster.post('http://127.0.0.1:9/hooks', {}, '{}')).rejects.toBeInstanceOf(
      WebhookAddressRefused,
    );
  });

  it('shows the secret once and signs every delivery of every chosen event with it', async () => {
    const created = await admin('POST', '/api/v1/webhooks', {
      url: `http://127.0.0.1:${receiver.port}/supportdesk`,
      events: [...WEBHOOK_EVENTS],
      description: 'CRM',
    });
    expect(created.statusCode, created.body).toBe(201);
    const webhook = created.json();
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    receiver.secret = webhook.secret;
    webhookId = webhook.id;
    const listed = (await admin('GET', '/api/v1/webhooks')).json();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id: webhookId, description: 'CRM', lastDelivery: null });
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);

    const ticket = await fileOnBaltlog(anna, world, 'Шина не принимает сообщения');
    const replied = await irina('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Смотрим журнал.' });
    expect(replied.statusCode, replied.body).toBe(201);
    const raised = await irina('POST', `/api/v1/tickets/${ticket.id}/severity`, {
      severity: 'critical',
      reason: 'Стоит продуктив',
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const resolved = await irina('POST', `/api/v1/tickets/${ticket.id}/resolve`, {
      body: 'Перезапустите узел.',
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const rated = await anna('POST', `/api/v1/tickets/${ticket.id}/satisfaction`, {
      score: 5,
      comment: 'Спасибо',
    });
    expect(rated.statusCode, rated.body).toBe(200);
    await deliverOutbox(desk.ctx);

    const got = receiver.of(ticket.id);
    expect(got.at(-1)?.event).toMatchObject({
      type: 'ticket.satisfaction_received',
      data: { score: 5, comment: 'Спасибо', channel: 'portal' },
    });
    expect(got.every((entry) => entry.signedAt !== null)).toBe(true);
    expect(new Set(got.map((entry) => entry.event.id)).size).toBe(got.length);
    const types = got.map((entry) => entry.event.type);
    expect(types[0]).toBe('ticket.created');
    expect(types).toContain('ticket.severity_changed');
    const createdEvent = got[0]?.event;
    expect(createdEvent?.ticket.number).toBe(ticket.number);
    const severityEvent = got.find((entry) => entry.event.type === 'ticket.severity_changed')?.event;
    expect(severityEvent?.data).toMatchObject({ from: 'high', to: 'critical', reason: 'Стоит продуктив' });
    const reply = got.find(
      (entry) =>
        entry.event.type === 'ticket.message_added' &&
        (entry.event.data as { body: string }).body === 'Смотрим журнал.',
    );
    expect(reply?.event.data).toMatchObject({ visibility: 'public', author: { type: 'agent' } });
    const statuses = got.filter((entry) => entry.event.type === 'ticket.status_changed');
    expect(statuses.at(-1)?.event.data).toMatchObject({ to: 'resolved', action: 'resolve' });
    const first = got[0];
    expect(first?.headers['x-supportdesk-event']).toBe('ticket.created');
    expect(first?.headers['content-type']).toBe('application/json');
    // Someone without the secret cannot pass a delivery off as the desk's, nor alter one.
    if (!first) throw new Error('nothing received');
    const header = String(first.headers['x-supportdesk-signature']);
    const now = receiver.nowSeconds();
    expect(verifySignature(receiver.secret, header, first.body, now)).not.toBeNull();
    expect(verifySignature('whsec_other', header, first.body, now)).toBeNull();
    expect(verifySignature(receiver.secret, header, first.body.replace('Шина', 'Шин'), now)).toBeNull();

    const log = await deliveries();
    expect(log).toHaveLength(got.length);
    expect(log.every((delivery) => delivery.state === 'delivered' && delivery.responseStatus === 204)).toBe(
      true,
    );
    expect((await admin('GET', '/api/v1/webhooks')).json()[0].lastDelivery).toMatchObject({
      state: 'delivered',
      responseStatus: 204,
    });
  });

  it('records every change of a request as a typed event, with who made it and the version it left', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Каждое изменение — событие');
    const me = (await irina('GET', '/api/v1/me')).json().principal;
    const tag = (await admin('POST', '/api/v1/tags', { name: 'события', color: 'blue' })).json();
    const steps = [
      await irina('POST', `/api/v1/tickets/${ticket.id}/assignee`, { assigneeId: me.id }),
      await irina('POST', `/api/v1/tickets/${ticket.id}/tags`, { tagIds: [tag.id] }),
      await irina('DELETE', `/api/v1/tickets/${ticket.id}/tags/${tag.id}`),
      await irina('POST', `/api/v1/tickets/${ticket.id}/instance`, {
        instanceId: world.baltlog.instances.find((instance) => instance.name === 'registry-prod-spb')?.id,
      }),
      await irina('POST', `/api/v1/tickets/${ticket.id}/split`, {
        parts: [{ subject: 'Отдельная часть', severity: 'low', messageIds: [] }],
      }),
      await irina('POST', `/api/v1/tickets/${ticket.id}/resolve`, { body: 'Готово.' }),
      await anna('POST', `/api/v1/tickets/${ticket.id}/reopen`),
    ];
    for (const step of steps) expect(step.statusCode, step.body).toBeLessThan(300);
    const duplicate = await fileOnBaltlog(anna, world, 'Повтор того же');
    const merged = await irina('POST', `/api/v1/tickets/${duplicate.id}/merge`, { intoTicketId: ticket.id });
    expect(merged.statusCode, merged.body).toBe(200);
    await deliverOutbox(desk.ctx);

    const events = receiver.of(ticket.id).map((entry) => entry.event);
    const of = (type: string) => events.find((event) => event.type === type);
    expect(of('ticket.assigned')).toMatchObject({
      version: 1,
      actor: { type: 'agent', id: me.id, name: me.name },
      organizationId: world.baltlog.id,
      data: { from: null, to: me.id, toName: me.name },
    });
    expect(of('ticket.tagged')?.data).toEqual({ tags: ['события'] });
    expect(of('ticket.untagged')?.data).toEqual({ tags: ['события'] });
    expect(of('ticket.instance_changed')?.data).toMatchObject({
      from: instanceNamed(world.baltlog, 'esb-prod-spb'),
      level: 'standard',
    });
    const split = of('ticket.split') as { data: { into: { number: string }[] } } | undefined;
    expect(split?.data.into).toHaveLength(1);
    expect(of('ticket.reopened')).toMatchObject({
      actor: { type: 'contact', name: 'Анна Петрова' },
      data: { from: 'resolved' },
    });
    expect(
      receiver.of(duplicate.id).find((entry) => entry.event.type === 'ticket.merged')?.event.data,
    ).toEqual({
      into: { id: ticket.id, number: ticket.number },
    });
    // Each event carries the request's version after its change: they only go up, in the order they happened.
    const versions = events.map((event) => event.ticket.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions.at(-1)).toBeGreaterThan(versions[0] ?? 0);
    // The part split off arrives as a new request that says where it came from.
    const part = receiver.received.find(
      (entry) =>
        entry.event.type === 'ticket.created' && entry.event.ticket.number === split?.data.into[0]?.number,
    );
    expect(part?.event.data).toMatchObject({ splitFrom: { id: ticket.id, number: ticket.number } });
  });

  it('tells of the SLA warning and breach of a request nobody answers', async () => {
    const ticket = await fileOnBaltlog(anna, world, 'Очередь не разбирается');
    await later(7 * 86_400_000);
    const watched = await runSlaWatch(desk.ctx);
    expect(watched.warned + watched.breached).toBeGreaterThanOrEqual(1);
    await runSlaWatch(desk.ctx);
    await deliverOutbox(desk.ctx);
    const types = receiver.of(ticket.id).map((entry) => entry.event.type);
    expect(types).toContain('ticket.sla_breached');
    const breach = receiver.of(ticket.id).find((entry) => entry.event.type === 'ticket.sla_breached');
    expect(breach?.event.data).toMatchObject({ target: 'response' });
  });

  it('sends each event once across an outage of the receiver and an error it answers', async () => {
    const port = receiver.port;
    await receiver.stop();
    const ticket = await fileOnBaltlog(anna, world, 'Во время простоя CRM');
    const replied = await irina('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Приняли.' });
    expect(replied.statusCode, replied.body).toBe(201);
    await deliverOutbox(desk.ctx);
    expect(receiver.of(ticket.id)).toEqual([]);
    const waiting = (await deliveries()).filter((delivery) => delivery.state === 'pending');
    // The request's created, message added and status changed.
    expect(waiting).toHaveLength(3);
    expect(waiting.every((delivery) => delivery.responseStatus === null)).toBe(true);
    // The request's first event was tried; the next waits behind it, so the endpoint hears them in order.
    expect(waiting.map((delivery) => delivery.attempts).sort()).toEqual([0, 0, 1]);

    // Back, but overloaded: the answer is logged and the delivery tried again.
    await receiver.start(port);
    receiver.failWith = 503;
    desk.clock.advance(60_000);
    await deliverOutbox(desk.ctx);
    const refused = (await deliveries()).filter((delivery) => delivery.state === 'pending');
    expect(refused.some((delivery) => delivery.responseStatus === 503 && delivery.attempts === 2)).toBe(true);

    receiver.failWith = null;
    for (let round = 0; round < 6; round += 1) {
      desk.clock.advance(3_600_000);
      await deliverOutbox(desk.ctx);
    }
    await signInAll();
    const got = receiver.of(ticket.id);
    // In the order they happened: the reply took the request into work, then was added.
    expect(got.map((entry) => entry.event.type)).toEqual([
      'ticket.created',
      'ticket.status_changed',
      'ticket.message_added',
    ]);
    expect(new Set(got.map((entry) => entry.event.id)).size).toBe(got.length);
    expect(got.every((entry) => entry.signedAt !== null)).toBe(true);
    const allEvents = receiver.received.map((entry) => entry.event.id);
    expect(new Set(allEvents).size).toBe(allEvents.length);
    expect((await deliveries()).every((delivery) => delivery.state === 'delivered')).toBe(true);
  });

  it('sends nothing more once the endpoint is deleted', async () => {
    desk.clock.advance(31 * 86_400_000);
    const pruned = await pruneOutbox(desk.ctx, 30 * 86_400_000);
    expect(pruned.webhookDeliveriesRemoved).toBeGreaterThan(0);
    await signInAll();
    expect(await deliveries()).toEqual([]);
    const before = receiver.received.length;
    expect((await admin('DELETE', `/api/v1/webhooks/${webhookId}`)).statusCode).toBe(204);
    expect((await admin('DELETE', `/api/v1/webhooks/${webhookId}`)).statusCode).toBe(404);
    await fileOnBaltlog(anna, world, 'После удаления вебхука');
    await deliverOutbox(desk.ctx);
    expect(receiver.received.length).toBe(before);
    expect((await admin('GET', `/api/v1/webhooks/${webhookId}/deliveries`)).statusCode).toBe(404);
  });
  it('tells of a certificate running out: an event about the organization, not a request', async () => {
    // The endpoint of the tests before is gone: one that hears of certificates only.
    const endpoint = (
      await admin('POST', '/api/v1/webhooks', {
        url: `http://127.0.0.1:${receiver.port}/certificates`,
        events: ['certificate.expiring'],
      })
    ).json();
    receiver.secret = endpoint.secret;
    const organization = (await admin('GET', `/api/v1/organizations/${world.baltlog.id}`)).json();
    const [certificate] = organization.certificates as { id: string; number: string; validTo: string }[];
    if (!certificate) throw new Error('the demo customer has no certificate');
    desk.clock.set(new Date(Date.parse(`${certificate.validTo}T09:00:00+03:00`) - 20 * 86_400_000));
    await signInAll();
    expect((await runCertificateReminders(desk.ctx)).reminded).toBeGreaterThan(0);
    await deliverOutbox(desk.ctx);
    const expiring = receiver.received.find(
      (entry) =>
        entry.event.type === 'certificate.expiring' && entry.event.organizationId === world.baltlog.id,
    );
    expect(expiring?.event).toMatchObject({
      ticket: null,
      actor: { type: 'system', id: null },
      data: { certificateId: certificate.id, certificateNumber: certificate.number, daysLeft: 20 },
    });
    expect(expiring?.signedAt).not.toBeNull();
  });
});
