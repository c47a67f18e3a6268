import { asc, eq, sql } from 'drizzle-orm';
import type { ReportQuery } from '../../contract/reports.js';
import type { WorklogInput } from '../../contract/worklog.js';
import { rowsOf } from '../../db/database.js';
import { agents, worklogEntries } from '../../db/schema.js';
import { moscowDate } from '../../domain/calendar/moscowTime.js';
import type { AppContext } from '../context.js';
import { requireVendorTeam } from '../reports/reports.js';
import type { Actor } from '../shared/actor.js';
import { AppError } from '../shared/errors.js';
import { entitledTicket, requireOperation, type TicketRow, visibleTicket } from './access.js';
import { auditTicket, type TransitionContext } from './state.js';
import { requireSupport, ticketAction } from './withTicket.js';

type EntryRow = typeof worklogEntries.$inferSelect;

const entryView = (row: EntryRow, agentName: string) => ({
  id: row.id,
  ticketId: row.ticketId,
  agentId: row.agentId,
  agentName,
  workedOn: row.workedOn,
  minutes: row.minutes,
  note: row.note,
  billable: row.billable,
  remoteSessionId: row.remoteSessionId,
  createdAt: row.createdAt.toISOString(),
});

/** Writes an entry for the request the caller holds; its organization and certificate are the request's. */
export async function logTime(
  context: TransitionContext,
  ticket: TicketRow,
  entry: {
    agentId: string;
    workedOn: string;
    minutes: number;
    note: string;
    billable: boolean;
    remoteSessionId?: string;
  },
) {
  const [row] = await context.db
    .insert(worklogEntries)
    .values({
      ...entry,
      ticketId: ticket.id,
      organizationId: ticket.organizationId,
      certificateId: entitledTicket(ticket).certificateId,
      createdAt: context.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await auditTicket(context, ticket, null, { worklog: row.id, minutes: row.minutes, billable: row.billable });
  return row;
}

/** An agent logs the time they spent; on any request they may work on, whatever its status. */
export const createWorklogEntry = ticketAction(
  { supportOnly: true },
  async (context, ticket, input: WorklogInput) => {
    const { actor } = context;
    if (actor.type !== 'agent') throw new AppError('forbidden', 'forbidden');
    requireOperation(actor, ticket, 'logTime');
    const today = moscowDate(context.now);
    const workedOn = input.workedOn ?? today;
    if (workedOn > today) throw new AppError('invalid', 'worklog_in_future', 'workedOn', { value: workedOn });
    const row = await logTime(context, ticket, {
      agentId: actor.id,
      workedOn,
      minutes: input.minutes,
      note: input.note,
      billable: input.billable,
    });
    return entryView(row, actor.name);
  },
);

/** The time spent on a request, oldest first, with its totals: for support only. */
export async function listWorklog(ctx: AppContext, actor: Actor, ticketId: string) {
  requireSupport(actor);
  const ticket = await visibleTicket(ctx.db, actor, ticketId);
  const rows = await ctx.db
    .select({ entry: worklogEntries, agentName: agents.name })
    .from(worklogEntries)
    .innerJoin(agents, eq(agents.id, worklogEntries.agentId))
    .where(eq(worklogEntries.ticketId, ticket.id))
    .orderBy(asc(worklogEntries.workedOn), asc(worklogEntries.createdAt));
  const entries = rows.map((row) => entryView(row.entry, row.agentName));
  return {
    entries,
    totalMinutes: entries.reduce((sum, entry) => sum + entry.minutes, 0),
    billableMinutes: entries.filter((entry) => entry.billable).reduce((sum, entry) => sum + entry.minutes, 0),
  };
}

/** Time spent by month, organization, certificate and agent, in hours: what a support contract bills. */
export async function worklogReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const rows = await rowsOf<{
    month: string;
    organization: string;
    certificate: string;
    agent: string;
    entries: number;
    minutes: number;
    billable_minutes: number;
  }>(
    ctx.db,
    sql`select to_char(w.worked_on, 'YYYY-MM') as month, o.name as organization, c.number as certificate,
          a.name as agent, count(*)::int as entries, sum(w.minutes)::int as minutes,
          (coalesce(sum(w.minutes) filter (where w.billable), 0))::int as billable_minutes
        from worklog_entries w
        join organizations o on o.id = w.organization_id
        join certificates c on c.id = w.certificate_id
        join agents a on a.id = w.agent_id
        where w.worked_on >= ${query.from}::date and w.worked_on <= ${query.to}::date
        group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
  );
  const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  return rows.map((row) => ({
    month: row.month,
    organization: row.organization,
    certificate: row.certificate,
    agent: row.agent,
    entries: row.entries,
    hours: hoursOf(row.minutes),
    billableHours: hoursOf(row.billable_minutes),
  }));
}
