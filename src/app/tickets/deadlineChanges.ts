import type { Level } from '../../domain/entitlement/entitlement.js';
import { type ResponseTimes, responseTimes } from '../../domain/sla/deadline.js';
import type { Severity } from '../../domain/sla/policy.js';
import { calendarGap } from '../sla/sla.js';
import type { TicketRow } from './access.js';
import { type TransitionContext, ticketPolicy } from './state.js';

/**
 * The response deadline of a request whose level or severity changed, counted again from its original
 * registration (§5.2), unless support has already responded: then it stands.
 */
export function deadlineChanges(
  context: TransitionContext,
  ticket: TicketRow,
  level: Level,
  severity: Severity,
  field: string,
): Partial<TicketRow> {
  if (ticket.firstResponseAt !== null) return {};
  let times: ResponseTimes;
  try {
    times = responseTimes(
      context.sla.calendar,
      ticketPolicy(context.sla, ticket),
      level,
      severity,
      ticket.registeredAt,
    );
  } catch (error) {
    throw calendarGap(error, field);
  }
  const { dueAt: responseDueAt, warnAt: responseWarnAt } = times;
  return {
    responseDueAt,
    responseWarnAt,
    // The watch re-arms for a deadline that moved into the future; a breach already recorded stays recorded.
    ...(responseWarnAt > context.now ? { slaWarnedAt: null } : {}),
    ...(responseDueAt > context.now ? { slaBreachedAt: null } : {}),
  };
}
