import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Notice } from '../../contract/notices.js';
import type { Queryable } from '../../db/database.js';
import { agents, outbox, partnerOrganizations } from '../../db/schema.js';
import type { AgentMailSettings } from '../../domain/notices/agentMail.js';
import { goesBy } from '../../domain/notices/catalogue.js';
import type { OutboxTopic, Recipient, TopicPayload } from './topics.js';

export type OutboxRow = typeof outbox.$inferInsert;

/**
 * The row of one delivery, for a caller that writes it as part of a larger statement. Entries with
 * the same order key on the same topic are delivered one after another, in the order they were written.
 */
export function outboxEntry<T extends OutboxTopic>(
  now: Date,
  topic: T,
  payload: TopicPayload<T>,
  orderKey: string | null = null,
  availableAt = now,
) {
  return { topic, payload, orderKey, createdAt: now, availableAt } satisfies OutboxRow;
}

/** Writes side effects into the outbox, inside the caller's transaction. */
export async function enqueue(db: Queryable, entries: OutboxRow[]): Promise<void> {
  if (entries.length > 0) await db.insert(outbox).values(entries);
}

/**
 * The deliveries of one notification: always in the desk's own list; to a customer also by the channels
 * its notice goes by (domain/notices/catalogue.ts; each sender skips a contact who has no such channel);
 * to a support person by mail when they chose it (`mailAgent`, see domain/notices/agentMail.ts). A ticket's notices to one person
 * keep their order on every channel, also after an outage.
 */
export function noticeEntries(now: Date, notification: Notice, mailAgent = false): OutboxRow[] {
  const orderKey = notification.ticketId ? `${notification.recipient.id}:${notification.ticketId}` : null;
  const entries: OutboxRow[] = [outboxEntry(now, 'notice.inapp', notification, orderKey)];
  if (notification.recipient.type === 'contact') {
    if (goesBy(notification.template, 'mail'))
      entries.push(outboxEntry(now, 'notice.mail', notification, orderKey));
    if (goesBy(notification.template, 'telegram'))
      entries.push(outboxEntry(now, 'notice.telegram', notification, orderKey));
  } else if (mailAgent) {
    entries.push(outboxEntry(now, 'notice.mail', notification, orderKey));
  }
  return entries;
}

export async function notify(
  db: Queryable,
  now: Date,
  notification: Notice,
  mailAgent = false,
): Promise<void> {
  await enqueue(db, noticeEntries(now, notification, mailAgent));
}

/** A support person a notice is for, with the notices they chose to get by mail too. */
export interface SupportRecipient extends Recipient {
  mailNotices: Partial<AgentMailSettings>;
}

/**
 * Who hears about an unassigned request: the support team (administrators and agents) and the partner
 * engineers who work for the request's organization.
 */
export async function queueRecipients(db: Queryable, organizationId: string): Promise<SupportRecipient[]> {
  const partners = db
    .select({ agentId: partnerOrganizations.agentId })
    .from(partnerOrganizations)
    .where(eq(partnerOrganizations.organizationId, organizationId));
  const rows = await db
    .select({ id: agents.id, mailNotices: agents.mailNotices })
    .from(agents)
    .where(
      and(
        eq(agents.active, true),
        or(inArray(agents.role, ['admin', 'agent']), inArray(agents.id, partners)),
      ),
    )
    .orderBy(asc(agents.email));
  return rows.map((row) => ({ type: 'agent', id: row.id, mailNotices: row.mailNotices }));
}
