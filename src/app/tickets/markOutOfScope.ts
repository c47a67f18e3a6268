import type { OutOfScopeInput } from '../../contract/tickets.js';
import { translator } from '../../i18n/translator.js';
import { requireOperation, type TicketRow } from './access.js';
import { tellContact } from './notices.js';
import { applyAction, contactLanguageOf, postMessage, type TransitionContext } from './state.js';
import { ticketAction } from './withTicket.js';

/** §4.2, §4.4: a consultation beyond installation and configuration is outside support; the customer is told why. */
export const markOutOfScope = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: OutOfScopeInput) => {
    const t = translator(await contactLanguageOf(context.db, ticket.contactId));
    const body = [t('tickets.out_of_scope_explanation'), input.note].filter(Boolean).join('\n\n');
    return declareOutOfScope(context, ticket, body);
  },
);

/** Resolves a consultation as outside support, with the explanation as written (the macro's, when edited). */
export async function declareOutOfScope(
  context: TransitionContext,
  ticket: TicketRow,
  body: string,
): Promise<TicketRow> {
  requireOperation(context.actor, ticket, 'markOutOfScope');
  const resolved = await applyAction(context, ticket, 'resolve', { outOfScope: true });
  await postMessage(context, resolved, {
    visibility: 'public',
    kind: 'out_of_scope',
    body,
    channel: ticket.channel,
  });
  await tellContact(context, resolved, 'ticket_out_of_scope');
  return resolved;
}
