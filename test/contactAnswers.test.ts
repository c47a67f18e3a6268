import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends } from './support/databases.js';
import {
  ADMIN,
  AGENT,
  type Caller,
  caller,
  demoWorld,
  fileOnBaltlog,
  openTestDesk,
  STANDARD_CONTACT,
  signIn,
  type TestDesk,
} from './support/testDesk.js';

/** Keys only support may read: a contact's answer carries none of them, at any depth. */
const SUPPORT_ONLY_KEYS = ['tags', 'assigneeId', 'history'];
const TAG_NAME = 'ЭСКАЛАЦИЯ-ВНУТР';
const INTERNAL_NOTE = 'Внутренняя заметка: клиент на старой сборке';

function keysOf(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysOf(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    `${path}.${key}`,
    ...keysOf(inner, `${path}.${key}`),
  ]);
}

/**
 * Every operation a contact can read, found by walking the OpenAPI document and calling each GET as the
 * contact, answers without support's own fields: not the tags support put on the request, not who it is
 * assigned to, not its history, not an internal note.
 */
describe.each(databaseBackends)(
  'what a contact reads carries nothing of support’s own ($name)',
  (backend) => {
    let desk: TestDesk;
    let contact: Caller;
    let ticket: { id: string; number: string; version: number };
    let agentEmail = '';

    beforeAll(async () => {
      desk = await openTestDesk(backend);
      const admin = caller(desk.app, await signIn(desk.app, ...ADMIN));
      const agent = caller(desk.app, await signIn(desk.app, ...AGENT));
      contact = caller(desk.app, await signIn(desk.app, ...STANDARD_CONTACT));
      const world = await demoWorld(desk.app, await signIn(desk.app, ...ADMIN));
      ticket = await fileOnBaltlog(contact, world, 'Очередь orders.in стоит');
      const created = await admin('POST', '/api/v1/tags', { name: TAG_NAME, color: 'blue' });
      expect(created.statusCode, created.body).toBe(201);
      const tag = created.json();
      const me = (await agent('GET', '/api/v1/me')).json();
      agentEmail = me.principal.email;
      for (const [url, payload] of [
        [`/api/v1/tickets/${ticket.id}/tags`, { tagIds: [tag.id] }],
        [`/api/v1/tickets/${ticket.id}/assignee`, { assigneeId: me.principal.id }],
        [`/api/v1/tickets/${ticket.id}/messages`, { body: INTERNAL_NOTE, visibility: 'internal' }],
      ] as const) {
        const done = await agent('POST', url, payload);
        expect(done.statusCode, `${url}: ${done.body}`).toBeLessThan(300);
      }
    });
    afterAll(() => desk?.close());

    function expectNothingOfSupport(what: string, body: string) {
      expect(body, what).not.toContain(TAG_NAME);
      expect(body, what).not.toContain(INTERNAL_NOTE);
      expect(body, what).not.toContain(agentEmail);
      if (!body.startsWith('{') && !body.startsWith('[')) return;
      const leaked = keysOf(JSON.parse(body)).filter((path) =>
        SUPPORT_ONLY_KEYS.includes(path.slice(path.lastIndexOf('.') + 1)),
      );
      expect(leaked, what).toEqual([]);
    }

    it('walks every GET the contact may call', async () => {
      const spec = (await desk.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
        paths: Record<
          string,
          Record<
            string,
            { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> }
          >
        >;
      };
      const organizationId = (await contact('GET', '/api/v1/me')).json().principal.organizationId;
      const values: Record<string, string> = { ticketId: ticket.id, number: ticket.number, organizationId };
      const read: string[] = [];
      for (const [path, methods] of Object.entries(spec.paths)) {
        const operation = methods.get;
        // The live stream never ends; what it carries (ids of changes) is checked by the live events' test.
        if (!operation || operation.responses['200']?.content?.['text/event-stream']) continue;
        const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
        if (names.some((name) => !(name in values))) continue;
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
        for (const query of ['', '?q=orders', '?status=all']) {
          const answer = await contact('GET', `${url}${query}`);
          if (answer.statusCode !== 200) continue;
          read.push(operation.operationId);
          expectNothingOfSupport(`${operation.operationId}${query}`, answer.body);
        }
      }
      expect(read).toEqual(expect.arrayContaining(['listTickets', 'getTicket', 'getTicketByNumber']));
    });

    it('answers the contact’s own writes in the customer’s view', async () => {
      const reply = await contact('POST', `/api/v1/tickets/${ticket.id}/messages`, {
        body: 'Перезапустили, не помогло',
      });
      expect(reply.statusCode, reply.body).toBeLessThan(300);
      expectNothingOfSupport('addTicketMessage', reply.body);
      const detail = (await contact('GET', `/api/v1/tickets/${ticket.id}`)).json();
      expect(detail.view).toBe('customer');
    });
  },
);
