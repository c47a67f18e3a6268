import { eq } from 'drizzle-orm';
import type { Notice, NoticeParams } from '../../contract/notices.js';
import { agents, organizations } from '../../db/schema.js';
import { agentWantsMail } from '../../domain/notices/agentMail.js';
import type { NoticeName } from '../../domain/notices/catalogue.js';
import { notify, queueRecipients, type SupportRecipient } from '../outbox/enqueue.js';
import type { TicketRow } from './access.js';
import type { TransitionContext } from './state.js';

/** The queue of each organization, read once per transaction however many tickets a sweep handles. */
const queues = new WeakMap<TransitionContext, Map<string, Promise<SupportRecipient[]>>>();

/** Who on the support side hears about a ticket: its assignee, or the whole queue while unassigned. */
async function supportRecipients(context: TransitionContext, ticket: TicketRow): Promise<SupportRecipient[]> {
  if (ticket.assigneeId) {
    const assignee = await context.db
      .select({ id: agents.id, mailNotices: agents.mailNotices })
      .from(agents)
      .where(eq(agents.id, ticket.assigneeId));
    return assignee.map((row) => ({ type: 'agent', id: row.id, mailNotices: row.mailNotices }));
  }
  const known = queues.get(context) ?? new Map<string, Promise<SupportRecipient[]>>();
  queues.set(context, known);
  let queue = known.get(ticket.organizationId);
  if (!queue) {
    queue = queueRecipients(context.db, ticket.organizationId);
    known.set(ticket.organizationId, queue);
  }
  return queue;
}

const ticketParams = (ticket: TicketRow, params: Record<string, string | number | null>) => ({
  number: ticket.number,
  subject: ticket.subject,
  ...params,
});

/** Organizations' names, read once per transaction however many notices it writes. */
const organizationNames = new WeakMap<TransitionContext, Map<string, Promise<string>>>();

/**
 * What a notice to support names beside the request, so that it reads without opening anything: the
 * customer it is for and who did what it tells (the desk itself for what its clock did).
 */
export async function supportNoticeParams(
  context: TransitionContext,
  ticket: Pick<TicketRow, 'number' | 'subject' | 'organizationId'>,
  params: Record<string, string | number | null> = {},
) {
  const known = organizationNames.get(context) ?? new Map<string, Promise<string>>();
  organizationNames.set(context, known);
  let name = known.get(ticket.organizationId);
  if (!name) {
    name = context.db
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, ticket.organizationId))
      .then(([row]) => row?.name ?? '');
    known.set(ticket.organizationId, name);
  }
  return {
    number: ticket.number,
    subject: ticket.subject,
    organization: await name,
    actor: context.actor.type === 'system' ? null : context.actor.name,
    ...params,
  };
}

/** The notices about a request: the request itself gives their number and subject. */
type TicketNotice = {
  [N in NoticeName]: NoticeParams<N> extends { number: string; subject: string } ? N : never;
}[NoticeName];
/** What a notice about a request carries beyond what the request (and, to support, the desk) gives. */
type OwnParams<N extends NoticeName, Given extends string> = Omit<NoticeParams<N>, Given>;
/** The parameters, left out where a notice takes none of its own. */
type ParamsArgument<N extends NoticeName, Given extends string> =
  object extends OwnParams<N, Given> ? [params?: OwnParams<N, Given>] : [params: OwnParams<N, Given>];

/** Tells the ticket's contact, through the outbox; an imported request may have none to tell. */
export async function tellContact<N extends TicketNotice>(
  context: TransitionContext,
  ticket: TicketRow,
  template: N,
  ...[params]: ParamsArgument<N, 'number' | 'subject'>
): Promise<void> {
  if (ticket.contactId === null) return;
  await notify(context.db, context.now, {
    recipient: { type: 'contact', id: ticket.contactId },
    template,
    params: ticketParams(ticket, (params ?? {}) as Record<string, string | number | null>),
    ticketId: ticket.id,
  } as Notice);
}

/** Tells support (never the support person who acted), through the outbox: by mail too where they chose it. */
export async function tellSupport<N extends TicketNotice>(
  context: TransitionContext,
  ticket: TicketRow,
  template: N,
  ...[params]: ParamsArgument<N, 'number' | 'subject' | 'organization' | 'actor'>
): Promise<void> {
  for (const recipient of await supportRecipients(context, ticket)) {
    if (context.actor.type === 'agent' && recipient.id === context.actor.id) continue;
    await notify(
      context.db,
      context.now,
      {
        recipient: { type: recipient.type, id: recipient.id },
        template,
        params: await supportNoticeParams(
          context,
          ticket,
          (params ?? {}) as Record<string, string | number | null>,
        ),
        ticketId: ticket.id,
      } as Notice,
      agentWantsMail(recipient.mailNotices, template, ticket.assigneeId === recipient.id),
    );
  }
}
