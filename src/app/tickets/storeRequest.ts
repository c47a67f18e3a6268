import { type SQLWrapper, sql } from 'drizzle-orm';
import { preparedStatement, type Queryable } from '../../db/database.js';
import {
  agents,
  auditEvents,
  organizations,
  outbox,
  partnerOrganizations,
  tickets,
  webhooks,
} from '../../db/schema.js';
import { DEFAULT_AGENT_MAIL } from '../../domain/notices/agentMail.js';
import { domainEvent } from '../events/stream.js';
import { noticeEntries } from '../outbox/enqueue.js';
import type { Actor } from '../shared/actor.js';
import { drawTicketNumber } from './ticketNumbers.js';

/** A request as registered, before the statement that stores it draws its number. */
export type NewTicket = Omit<typeof tickets.$inferInsert, 'number'> & { id: string };
type AuditRow = typeof auditEvents.$inferInsert;
type OutboxRow = typeof outbox.$inferInsert;

const NO_ID = '00000000-0000-4000-8000-000000000000';
/** How many deliveries an acknowledgement makes (in the desk, by mail): the statement has a row for each. */
const ACKNOWLEDGEMENT_DELIVERIES = noticeEntries(new Date(0), {
  recipient: { type: 'contact', id: NO_ID },
  template: 'ticket_acknowledged',
  params: { subject: '', level: 'standard', responseDueAt: '' },
  ticketId: NO_ID,
}).length;

function acknowledgementParameters(entries: OutboxRow[]): Record<string, unknown> {
  if (entries.length !== ACKNOWLEDGEMENT_DELIVERIES) throw new Error('acknowledgement deliveries changed');
  return Object.assign(
    {},
    ...entries.map((entry, index) =>
      prefixed(`outbox${index}`, { ...entry, payload: JSON.stringify(entry.payload) }),
    ),
  );
}

function prefixed(prefix: string, values: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}.${key}`, value]));
}

/**
 * Stores a registered request with its audit record and its acknowledgement in one prepared
 * statement. A statement with data-modifying WITH clauses is atomic by itself, so the busiest path
 * of the desk takes one round trip instead of an explicit transaction's five. The number is drawn
 * inside the statement; the audit record and the acknowledgement take it from the stored row.
 */
const storeRequestStatement = preparedStatement((db) => {
  const ticket = (name: keyof NewTicket) => sql.placeholder(`ticket.${name}`);
  const audit = (name: keyof AuditRow) => sql.placeholder(`audit.${name}`);
  const created = db.$with('created').as(
    db
      .insert(tickets)
      .values({
        id: ticket('id'),
        number: drawTicketNumber(sql.placeholder('year'), sql.placeholder('sequence')),
        organizationId: ticket('organizationId'),
        contactId: ticket('contactId'),
        instanceId: ticket('instanceId'),
        certificateId: ticket('certificateId'),
        level: ticket('level'),
        policyVersion: ticket('policyVersion'),
        channel: ticket('channel'),
        category: ticket('category'),
        subject: ticket('subject'),
        description: ticket('description'),
        severity: ticket('severity'),
        registeredAt: ticket('registeredAt'),
        responseDueAt: ticket('responseDueAt'),
        responseWarnAt: ticket('responseWarnAt'),
        awaitingSupportSince: ticket('awaitingSupportSince'),
        createdAt: ticket('createdAt'),
        updatedAt: ticket('updatedAt'),
        intakeKey: ticket('intakeKey'),
        followsUpId: ticket('followsUpId'),
      })
      .returning(),
  );
  const withNumber = (document: SQLWrapper, path: string) =>
    sql`jsonb_set(${document}::jsonb, ${path}, to_jsonb((select ${created.number} from ${created})))`;
  const audited = db.$with('audited').as(
    db.insert(auditEvents).values({
      at: audit('at'),
      actorType: audit('actorType'),
      actorId: audit('actorId'),
      actorLabel: audit('actorLabel'),
      entity: audit('entity'),
      entityId: audit('entityId'),
      action: audit('action'),
      organizationId: audit('organizationId'),
      after: withNumber(audit('after'), '{number}'),
    }),
  );
  const acknowledged = db.$with('acknowledged').as(
    db.insert(outbox).values(
      Array.from({ length: ACKNOWLEDGEMENT_DELIVERIES }, (_, index) => {
        const entry = (name: keyof OutboxRow) => sql.placeholder(`outbox${index}.${name}`);
        return {
          topic: entry('topic'),
          orderKey: entry('orderKey'),
          createdAt: entry('createdAt'),
          availableAt: entry('availableAt'),
          payload: withNumber(entry('payload'), '{params,number}'),
        };
      }),
    ),
  );
  // The support people who chose to hear of every new request in their queue by mail (domain/notices).
  const announced = db.$with('announced', {}).as(
    sql`insert into ${outbox} (topic, payload, created_at, available_at, order_key)
      select 'notice.mail',
        jsonb_build_object(
          'recipient', jsonb_build_object('type', 'agent', 'id', a.id),
          'template', 'ticket_created',
          'params', jsonb_build_object('number', c.number, 'subject', c.subject, 'severity', c.severity,
            'organization', (select o.name from ${organizations} o where o.id = c.organization_id)),
          'ticketId', c.id),
        ${sql.placeholder('announcedAt')}::timestamptz, ${sql.placeholder('announcedAt')}::timestamptz,
        a.id::text || ':' || c.id::text
      from ${agents} a, created c
      where a.active
        and coalesce((a.mail_notices ->> 'new_request')::boolean, ${sql.placeholder('newRequestByDefault')}::boolean)
        and (a.role in ('admin', 'agent') or exists (
          select 1 from ${partnerOrganizations} p where p.agent_id = a.id and p.organization_id = c.organization_id))`,
  );
  // The vendor's systems that asked to hear of new requests (app/webhooks): one event, if any endpoint takes it.
  const webhooked = db.$with('webhooked', {}).as(
    sql`insert into ${outbox} (topic, payload, created_at, available_at, order_key)
      select 'webhook.event', ${withNumber(sql.placeholder('webhookEvent'), '{ticket,number}')},
        ${sql.placeholder('announcedAt')}::timestamptz, ${sql.placeholder('announcedAt')}::timestamptz, c.id::text
      from created c
      where exists (select 1 from ${webhooks} w where 'ticket.created' = any(w.events))`,
  );
  return db
    .with(created, audited, acknowledged, announced, webhooked)
    .select()
    .from(created)
    .prepare('store_request');
});

/** The event of a new request, its number drawn by the statement and set into it there. */
const createdEvent = (now: Date, actor: Actor, ticket: NewTicket) =>
  domainEvent(
    now,
    actor,
    'ticket.created',
    {
      ticket: {
        id: ticket.id,
        number: '',
        version: 1,
        subject: ticket.subject,
        status: ticket.status ?? 'new',
        severity: ticket.severity,
        level: ticket.level ?? null,
        channel: ticket.channel,
        organizationId: ticket.organizationId,
        contactId: ticket.contactId ?? null,
        registeredAt: ticket.registeredAt,
        responseDueAt: ticket.responseDueAt,
      },
    },
    { description: ticket.description },
  );

/** Stores a registered request, its audit record, its acknowledgement and its announcements at once. */
export function storeRequest(
  db: Queryable,
  request: {
    ticket: NewTicket;
    /** Who registered it: the contact, support on their behalf, or the desk (mail, Telegram). */
    actor: Actor;
    audit: AuditRow;
    acknowledgement: OutboxRow[];
    now: Date;
    year: number;
    sequence: string;
  },
) {
  return storeRequestStatement(db).execute({
    ...prefixed('ticket', request.ticket),
    ...prefixed('audit', { ...request.audit, after: JSON.stringify(request.audit.after) }),
    ...acknowledgementParameters(request.acknowledgement),
    webhookEvent: JSON.stringify(createdEvent(request.now, request.actor, request.ticket)),
    announcedAt: request.now.toISOString(),
    newRequestByDefault: DEFAULT_AGENT_MAIL.new_request,
    year: request.year,
    sequence: request.sequence,
  });
}
