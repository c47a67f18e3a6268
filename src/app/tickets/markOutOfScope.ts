import type { OutOfScopeInput } from '../../contract/tickets.js';
import { translator } from '../../i18n/translator.js';
import { requireOperation } from './access.js';
import { tellContact } from './notices.js';
import { applyAction, contactLanguageOf, postMessage } from './state.js';
import { ticketAction } from './withTicket.js';

/** §4.2, §4.4: a consultation beyond installation and configuration is outside support; the customer is told why. */
export const markOutOfScope = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: OutOfScopeInput) => {
    const { actor } = context;
    requireOperation(actor, ticket, 'markOutOfScope');
    const t = translator(await contactLanguageOf(context.db, ticket.contactId));
    const body = [t('tickets.out_of_scope_explanation'), input.note].filter(Boolean).join('\n\n');
    const resolved = await applyAction(context, ticket, 'resolve', { outOfScope: true });
    await postMessage(context, resolved, {
      visibility: 'public',
      kind: 'out_of_scope',
      body,
      channel: ticket.channel,
    });
    await tellContact(context, resolved, 'ticket_out_of_scope');
    return resolved;
  },
);
