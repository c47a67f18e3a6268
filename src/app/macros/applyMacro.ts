import { eq, sql } from 'drizzle-orm';
import type { ApplyMacroInput } from '../../contract/macros.js';
import type { Queryable } from '../../db/database.js';
import { contacts, instances, organizations, products } from '../../db/schema.js';
import {
  fillVariables,
  type MacroActions,
  type MacroStatus,
  type MacroValues,
} from '../../domain/macros/macro.js';
import type { Channel } from '../../domain/sla/policy.js';
import { moscowDateTime } from '../../i18n/slaExplanation.js';
import { translator } from '../../i18n/translator.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { requireOperation, type TicketRow, visibleTicket } from '../tickets/access.js';
import { postSupportMessage } from '../tickets/addTicketMessage.js';
import { assignTicket } from '../tickets/assignTicket.js';
import { changeTicketSeverity } from '../tickets/changeTicketSeverity.js';
import { closeTicket } from '../tickets/closeTicket.js';
import { declareOutOfScope } from '../tickets/markOutOfScope.js';
import { askForInformation } from '../tickets/requestTicketInfo.js';
import { resolveTicket } from '../tickets/resolveTicket.js';
import { applyAction, auditTicket, type TransitionContext } from '../tickets/state.js';
import { addTicketTags } from '../tickets/tags.js';
import { requireSupport, withTicket } from '../tickets/withTicket.js';
import { type MacroRow, usableMacro } from './macros.js';

/** What the variables stand for on this request, written for the contact who reads the reply. */
async function macroValues(db: Queryable, ticket: TicketRow, actor: Actor): Promise<MacroValues> {
  const [row] = await db
    .select({
      contact: contacts,
      organization: organizations.name,
      instance: instances.name,
      product: products.name,
    })
    .from(organizations)
    .leftJoin(contacts, ticket.contactId ? eq(contacts.id, ticket.contactId) : sql`false`)
    // An imported request names no instance: its variables are left empty.
    .leftJoin(instances, ticket.instanceId ? eq(instances.id, ticket.instanceId) : sql`false`)
    .leftJoin(products, eq(products.id, instances.productId))
    .where(eq(organizations.id, ticket.organizationId));
  const language = row?.contact?.language ?? 'ru';
  const t = translator(language);
  return {
    'contact.name': row?.contact?.name ?? '',
    'contact.email': row?.contact?.email ?? '',
    'organization.name': row?.organization ?? '',
    'ticket.number': ticket.number,
    'ticket.subject': ticket.subject,
    'ticket.severity': t(`severities.${ticket.severity}`),
    'ticket.responseDueAt': `${moscowDateTime(ticket.responseDueAt, language)} ${t('macros.moscow_time')}`,
    'product.name': row?.product ?? '',
    'instance.name': row?.instance ?? '',
    'agent.name': actor.type === 'system' ? 'Supportdesk' : actor.name,
  };
}

/** The macro written out for this request: what the agent sees, edits and sends. */
export async function previewMacro(ctx: AppContext, actor: Actor, ticketId: string, macroId: string) {
  requireSupport(actor);
  const [ticket, macro] = await Promise.all([
    visibleTicket(ctx.db, actor, ticketId),
    usableMacro(ctx.db, actor, macroId),
  ]);
  const values = await macroValues(ctx.db, ticket, actor);
  return {
    body: fillVariables(macro.body, values),
    note: macro.actions.note ? fillVariables(macro.actions.note, values) : null,
    actions: macro.actions,
  };
}

/**
 * Applies a macro in one step and one transaction: severity and assignment first, then the reply (which
 * moves the status as its action says), the tags and the internal note. Each step is the desk's ordinary
 * use case, with its own rules and notices; one refused step leaves the request as it was.
 */
export async function applyMacro(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: ApplyMacroInput,
  channel: Channel,
) {
  requireSupport(actor);
  return withTicket(
    ctx,
    actor,
    ticketId,
    async (context, ticket) => {
      const macro = await usableMacro(context.db, actor, input.macroId);
      return applyMacroWithin(context, ticket, macro, input, channel);
    },
    input.version,
  );
}

/** A macro applied to a request the caller holds locked: the step a bulk change takes on each request. */
export async function applyMacroWithin(
  context: TransitionContext,
  ticket: TicketRow,
  macro: MacroRow,
  edited: Pick<ApplyMacroInput, 'body' | 'note'>,
  channel: Channel,
): Promise<TicketRow> {
  // A closed request is final (the customer files a new one): no reply, note or change is added to it.
  requireOperation(context.actor, ticket, 'applyMacro');
  const { actions } = macro;
  const values = await macroValues(context.db, ticket, context.actor);
  const body = edited.body ?? fillVariables(macro.body, values);
  const note = edited.note ?? (actions.note ? fillVariables(actions.note, values) : '');
  let current = ticket;
  if (actions.severity && actions.severity.value !== current.severity) {
    current = await changeTicketSeverity.within(context, current, {
      severity: actions.severity.value,
      reason: actions.severity.reason,
    });
  }
  const assigneeId = assigneeOf(actions, context.actor);
  if (assigneeId !== undefined && assigneeId !== current.assigneeId)
    current = await assignTicket.within(context, current, { assigneeId });
  current = await replyAndMove(
    context,
    current,
    { purpose: macro.purpose, status: actions.status, body },
    channel,
  );
  if (actions.tagIds?.length) current = await addTicketTags(context, current, actions.tagIds);
  if (note) {
    current = (
      await postSupportMessage(
        context,
        current,
        { body: note, visibility: 'internal', awaitCustomer: false, attachmentIds: [] },
        channel,
      )
    ).updated;
  }
  await auditTicket(context, ticket, null, { macro: macro.title, macroId: macro.id });
  return current;
}

function assigneeOf(actions: MacroActions, actor: Actor): string | null | undefined {
  if (actions.assignee === undefined) return undefined;
  if (actions.assignee === 'none') return null;
  if (actions.assignee === 'self') return actor.type === 'agent' ? actor.id : undefined;
  return actions.assignee;
}

export interface Move {
  purpose?: string | null;
  status?: MacroStatus | undefined;
  body: string;
}

/**
 * The reply, if any, and the status a macro or a bulk change leaves the request in, by the lifecycle's
 * own steps: a resolution is a message, a wait for the customer starts the auto-close clock.
 */
export async function replyAndMove(
  context: TransitionContext,
  ticket: TicketRow,
  { purpose, status, body }: Move,
  channel: Channel,
): Promise<TicketRow> {
  if (purpose === 'info_request') return askForInformation(context, ticket, requireBody(body));
  if (purpose === 'out_of_scope') return declareOutOfScope(context, ticket, requireBody(body));
  if (status === 'resolved') return resolveTicket.within(context, ticket, { body: requireBody(body) });
  let current = ticket;
  if (body) {
    const reply = {
      body,
      visibility: 'public' as const,
      awaitCustomer: status === 'waiting_for_customer',
      attachmentIds: [],
    };
    current = (await postSupportMessage(context, current, reply, channel)).updated;
  } else if (status === 'waiting_for_customer') {
    current = await applyAction(context, current, 'support_awaits_customer');
  } else if (status === 'in_progress' && current.status !== 'in_progress') {
    current = await applyAction(context, current, current.status === 'new' ? 'take' : 'support_reply');
  }
  if (status === 'closed') current = await closeTicket.within(context, current, {});
  return current;
}

/** A resolution, an information request or an out-of-scope answer is a message: it cannot be empty. */
function requireBody(body: string): string {
  if (!body) throw new AppError('invalid', 'macro_needs_text', 'body');
  return body;
}
