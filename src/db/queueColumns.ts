import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { ACTIVE_STATUSES } from '../domain/tickets/lifecycle.js';

/**
 * The queue's bands (breached, due soon, awaiting support, the rest) compare a request's nearest
 * deadline with the moment of reading. What that deadline is depends on the row alone, so it is stored
 * as generated columns, in one place here: each band is then a range of an index, and a queue page is
 * read by index scans that stop at the page's end instead of a sort of every open request.
 */
export interface QueueInputs {
  status: SQLWrapper;
  importedFrom: SQLWrapper;
  firstResponseAt: SQLWrapper;
  responseDueAt: SQLWrapper;
  responseWarnAt: SQLWrapper;
  followUpDueAt: SQLWrapper;
  followUpWarnAt: SQLWrapper;
  awaitingSupportSince: SQLWrapper;
}

const activeStatuses = sql.raw(ACTIVE_STATUSES.map((status) => `'${status}'`).join(', '));

/** Support still owes something: only such a request is ever breached, due soon or awaiting support. */
const active = (row: QueueInputs) => sql`${row.status} in (${activeStatuses})`;

/** Its first response is still owed against this desk's SLA (an imported request is not measured). */
const unanswered = (row: QueueInputs) => sql`${row.firstResponseAt} is null and ${row.importedFrom} is null`;

/** The nearest deadline support is held to now: the first response or the reply to a later message. */
export function queueDue(row: QueueInputs): SQL {
  return sql`(case when ${active(row)} then least(case when ${unanswered(row)} then ${row.responseDueAt} end, ${row.followUpDueAt}) end)`;
}

/** When that nearest deadline's warning falls: from then on the request is due soon. */
export function queueWarn(row: QueueInputs): SQL {
  return sql`(case when ${active(row)} then least(case when ${unanswered(row)} then ${row.responseWarnAt} end, ${row.followUpWarnAt}) end)`;
}

/**
 * The order of a request awaiting support's word: a new one by its response deadline, a later message by
 * its follow-up deadline or, where the policy sets none, by the moment it arrived (the customer has
 * waited since). Null when support is not awaited.
 */
export function queueAwaiting(row: QueueInputs): SQL {
  return sql`(case when ${active(row)} and ${row.awaitingSupportSince} is not null then (case when ${unanswered(row)} then ${row.responseDueAt} else coalesce(${row.followUpDueAt}, ${row.awaitingSupportSince}) end) end)`;
}

/**
 * The span in which a request is due soon: from its warning to its deadline. "Due soon now" is this
 * range containing the moment, which a GiST index answers by visiting the due-soon requests alone,
 * however far ahead of their deadlines their warnings fall. (The warning never follows the deadline;
 * `least` keeps the range well formed should a row ever say otherwise.)
 */
export function warningWindow(warnAt: SQLWrapper, dueAt: SQLWrapper): SQL {
  return sql`tstzrange(least(${warnAt}, ${dueAt}), ${dueAt})`;
}
