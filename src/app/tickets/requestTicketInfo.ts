import type { InfoRequestInput } from '../../contract/tickets.js';
import { translator } from '../../i18n/translator.js';
import type { TicketRow } from './access.js';
import { tellContact } from './notices.js';
import { applyAction, contactLanguageOf, postMessage, type TransitionContext } from './state.js';
import { ticketAction } from './withTicket.js';

/** §4.5: support asks for the software, hardware and network configuration, with a checklist. */
export const requestTicketInfo = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: InfoRequestInput) => {
    const t = translator(await contactLanguageOf(context.db, ticket.contactId));
    const body = [input.body, t('tickets.info_request_checklist')].filter(Boolean).join('\n\n');
    return askForInformation(context, ticket, body);
  },
);

/** The information request as written (the checklist in it, or the macro's edited one): it awaits the customer. */
export async function askForInformation(
  context: TransitionContext,
  ticket: TicketRow,
  body: string,
): Promise<TicketRow> {
  const updated = await applyAction(context, ticket, 'support_awaits_customer');
  await postMessage(context, updated, {
    visibility: 'public',
    kind: 'info_request',
    body,
    channel: ticket.channel,
  });
  await tellContact(context, updated, 'info_requested', { body });
  return updated;
}
