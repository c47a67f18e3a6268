import { eq } from 'drizzle-orm';
import type { RemoteSessionInput } from '../../contract/tickets.js';
import { agents, remoteSessions } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import { translator } from '../../i18n/translator.js';
import { AppError } from '../shared/errors.js';
import { requireOperation } from './access.js';
import { tellContact } from './notices.js';
import { applyAction, auditTicket, contactLanguageOf, postMessage } from './state.js';
import { ticketAction } from './withTicket.js';
import { logTime } from './worklog.js';

/** §3.10: a remote diagnostic session, for Extended requests only; its recommendations go to the customer. */
export const createRemoteSession = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: RemoteSessionInput) => {
    const { actor } = context;
    requireOperation(actor, ticket, 'logRemoteSession');
    const engineerId = input.engineerId ?? (actor.type === 'agent' ? actor.id : undefined);
    if (!engineerId) throw new AppError('invalid', 'assignee_unknown', 'engineerId', { value: '' });
    const [engineer] = await context.db.select().from(agents).where(eq(agents.id, engineerId));
    if (!engineer?.active)
      throw new AppError('invalid', 'assignee_unknown', 'engineerId', { value: engineerId });
    const [session] = await context.db
      .insert(remoteSessions)
      .values({
        ticketId: ticket.id,
        startedAt: new Date(input.startedAt),
        durationMinutes: input.durationMinutes,
        engineerId,
        outcome: input.outcome,
        recommendations: input.recommendations,
        createdAt: context.now,
      })
      .returning();
    if (!session) throw new Error('insert returned no row');
    // The session's time is time spent on the request: logged once, by the session, for its engineer.
    await logTime(context, ticket, {
      agentId: engineerId,
      workedOn: moscowDate(session.startedAt),
      minutes: input.durationMinutes,
      note: input.outcome,
      billable: true,
      remoteSessionId: session.id,
    });
    await auditTicket(context, ticket, null, {
      remoteSession: session.id,
      engineer: engineer.email,
      durationMinutes: input.durationMinutes,
    });
    const t = translator(await contactLanguageOf(context.db, ticket.contactId));
    const updated = ticket.status === 'new' ? await applyAction(context, ticket, 'support_reply') : ticket;
    await postMessage(context, updated, {
      visibility: 'public',
      kind: 'remote_session',
      body: t('tickets.remote_session_message', {
        outcome: input.outcome,
        recommendations: input.recommendations,
      }),
      channel: ticket.channel,
    });
    await tellContact(context, updated, 'remote_session');
    return {
      ...session,
      startedAt: session.startedAt.toISOString(),
      createdAt: session.createdAt.toISOString(),
    };
  },
);
