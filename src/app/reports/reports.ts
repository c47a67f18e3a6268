import { type SQL, sql } from 'drizzle-orm';
import type { ReportQuery } from '../../contract/reports.js';
import { type Queryable, rowsOf } from '../../db/database.js';
import { MOSCOW_OFFSET_MINUTES } from '../../domain/calendar/moscowTime.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { forbidden } from '../shared/errors.js';

/** Reports are for the vendor's own team: administrators and agents (partners see their customers only). */
export function requireVendorTeam(actor: Actor) {
  if (actor.type === 'system') return;
  if (actor.type === 'agent' && (actor.role === 'admin' || actor.role === 'agent')) return;
  throw forbidden();
}

/**
 * A report's rows. Its statement reads a million requests once; PostgreSQL's JIT would spend seconds
 * compiling such a statement afresh on every run (its cost passes the JIT's thresholds), several times
 * what the reading itself costs, so a report runs without it. And the rows a parallel scan's workers
 * hand on are priced as they cost here: otherwise a report whose aggregate cannot be split among the
 * workers (a percentile) reads every request on one core.
 */
export function reportRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local parallel_tuple_cost = 0.001`);
    return rowsOf<Row>(tx, query);
  });
}

/** The Moscow month of an instant, in SQL: Moscow keeps UTC+3 all year. */
export const moscowMonth = (column: string) =>
  sql.raw(`to_char((${column} at time zone 'UTC') + interval '${MOSCOW_OFFSET_MINUTES} minutes', 'YYYY-MM')`);

/** A range of Moscow days as instants: from the first day's 00:00 to the end of the last. */
export function period(query: ReportQuery) {
  const offset = `+0${MOSCOW_OFFSET_MINUTES / 60}:00`;
  const from = new Date(`${query.from}T00:00:00${offset}`);
  const to = new Date(new Date(`${query.to}T00:00:00${offset}`).getTime() + 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

export const hours = (ms: number | string | null) =>
  ms === null ? null : Math.round((Number(ms) / 3_600_000) * 100) / 100;

/**
 * SLA compliance by month of registration, level, severity and customer: responded on time, late (or
 * overdue without a response), still within time; the median and 90th percentile of the time to the
 * first response on the request's own clock, in hours. Requests imported from another desk were not
 * measured against this one's SLA and are left out.
 */
export async function slaReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const now = ctx.clock.now().toISOString();
  const rows = await reportRows<{
    month: string;
    level: string;
    severity: string;
    organization: string;
    total: number;
    on_time: number;
    late: number;
    pending: number;
    median_ms: number | null;
    p90_ms: number | null;
  }>(
    ctx.db,
    // Grouped first by narrow keys (the month as an instant, the organization's id) in one hashed pass,
    // named after: sorting every request by a formatted month and a name cost seconds at a million.
    sql`with grouped as (
          select date_trunc('month', (t.registered_at at time zone 'UTC') + ${sql.raw(`interval '${MOSCOW_OFFSET_MINUTES} minutes'`)}) as month,
            t.level, t.severity, t.organization_id,
            count(*)::int as total,
            (count(*) filter (where t.first_response_at <= t.response_due_at))::int as on_time,
            (count(*) filter (where t.first_response_at > t.response_due_at
                                or (t.first_response_at is null and t.response_due_at <= ${now}::timestamptz)))::int as late,
            (count(*) filter (where t.first_response_at is null and t.response_due_at > ${now}::timestamptz))::int as pending,
            percentile_cont(0.5) within group (order by t.response_clock_ms) as median_ms,
            percentile_cont(0.9) within group (order by t.response_clock_ms) as p90_ms
          from tickets t
          where t.registered_at >= ${from}::timestamptz and t.registered_at < ${to}::timestamptz
            and t.imported_from is null
          group by 1, 2, 3, 4)
        select to_char(g.month, 'YYYY-MM') as month, g.level, g.severity, o.name as organization, g.total,
          g.on_time, g.late, g.pending, g.median_ms, g.p90_ms
        from grouped g join organizations o on o.id = g.organization_id
        order by 1, 2, 3, 4`,
  );
  return rows.map((row) => ({
    month: row.month,
    level: row.level,
    severity: row.severity,
    organization: row.organization,
    total: row.total,
    onTime: row.on_time,
    late: row.late,
    pending: row.pending,
    onTimeShare:
      row.on_time + row.late > 0 ? Math.round((row.on_time / (row.on_time + row.late)) * 1000) / 1000 : null,
    medianResponseHours: hours(row.median_ms),
    p90ResponseHours: hours(row.p90_ms),
  }));
}

/** The ages the backlog is counted by: registered less than 1, 3, 7 and 30 days ago, and older. */
const AGE_BUCKETS = ['under_1_day', '1_to_3_days', '3_to_7_days', '7_to_30_days', 'over_30_days'] as const;
const AGE_LIMITS_DAYS = [1, 3, 7, 30] as const;

/**
 * What is open now, by status and by how long ago it was registered: one pass that counts each age as a
 * filter of its own (comparing instants, which the scan's workers share), not a sort of every open request.
 */
export async function backlogReport(ctx: AppContext, actor: Actor) {
  requireVendorTeam(actor);
  const now = ctx.clock.now().getTime();
  const since = AGE_LIMITS_DAYS.map((days) => new Date(now - days * 86_400_000).toISOString());
  const [day, threeDays, week, month] = since;
  const rows = await reportRows<{ status: string; counts: number[] }>(
    ctx.db,
    sql`select status, array[
          count(*) filter (where registered_at > ${day}::timestamptz),
          count(*) filter (where registered_at <= ${day}::timestamptz and registered_at > ${threeDays}::timestamptz),
          count(*) filter (where registered_at <= ${threeDays}::timestamptz and registered_at > ${week}::timestamptz),
          count(*) filter (where registered_at <= ${week}::timestamptz and registered_at > ${month}::timestamptz),
          count(*) filter (where registered_at <= ${month}::timestamptz)]::int[] as counts
        from tickets where status <> 'closed' group by 1 order by 1`,
  );
  return rows.flatMap((row) =>
    AGE_BUCKETS.flatMap((age, index) => {
      const count = Number(row.counts[index] ?? 0);
      return count > 0 ? [{ status: row.status, age, count }] : [];
    }),
  );
}

/** Requests by the channel they came through, by month. */
export async function channelReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  return reportRows<{ month: string; channel: string; count: number }>(
    ctx.db,
    sql`select ${moscowMonth('registered_at')} as month, channel::text as channel, count(*)::int as count
        from tickets where registered_at >= ${from}::timestamptz and registered_at < ${to}::timestamptz
        group by 1, 2 order by 1, 2`,
  );
}

/**
 * Each certificate's use: the instances it covers out of its limit, the requests filed under it by contact,
 * and the releases its organization downloaded in the period.
 */
export async function certificateReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const rows = await reportRows<{
    certificate: string;
    organization: string;
    level: string;
    valid_to: string;
    covered: number;
    max_instances: number;
    contact: string | null;
    requests: number;
    downloads: number;
  }>(
    ctx.db,
    // The period's requests are counted by certificate and contact first, in one hashed pass, and then
    // joined to the few certificates: joining every request to its contact before grouping cost seconds.
    sql`with used as (
          select t.certificate_id, t.contact_id, count(*)::int as requests
          from tickets t
          where t.registered_at >= ${from}::timestamptz and t.registered_at < ${to}::timestamptz
            and t.certificate_id is not null
          group by 1, 2)
        select c.number as certificate, o.name as organization, c.level::text as level, c.valid_to::text as valid_to,
          (select count(*)::int from certificate_instances ci where ci.certificate_id = c.id) as covered,
          c.max_instances, ct.name as contact, coalesce(sum(u.requests), 0)::int as requests,
          (select count(*)::int from release_downloads d
            where d.organization_id = c.organization_id
              and d.at >= ${from}::timestamptz and d.at < ${to}::timestamptz) as downloads
        from certificates c
        join organizations o on o.id = c.organization_id
        left join used u on u.certificate_id = c.id
        left join contacts ct on ct.id = u.contact_id
        group by c.id, o.name, ct.name order by o.name, c.number, ct.name nulls first`,
  );
  return rows.map((row) => ({
    certificate: row.certificate,
    organization: row.organization,
    level: row.level,
    validTo: row.valid_to,
    instancesCovered: row.covered,
    maxInstances: row.max_instances,
    contact: row.contact,
    requests: row.requests,
    organizationDownloads: row.downloads,
  }));
}

/** How long after opening a suggested page a request by the same contact still counts as filed after it. */
const DEFLECTION_WINDOW = "interval '24 hours'";

/**
 * What the suggestions of the new-request form spared support: by month and page, how often a customer
 * opened a page suggested for what they were typing, and whether they filed a request within a day after
 * (filed) or not (not filed, the request the page answered). Opens less than a day old are still open.
 */
export async function deflectionReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const now = ctx.clock.now().toISOString();
  const window = sql.raw(DEFLECTION_WINDOW);
  const rows = await reportRows<{
    month: string;
    page: string;
    opened: number;
    filed: number;
    undecided: number;
  }>(
    ctx.db,
    sql`select ${moscowMonth('s.opened_at')} as month, d.title as page, count(*)::int as opened,
          (count(*) filter (where exists (
            select 1 from tickets t where t.contact_id = s.contact_id
              and t.registered_at >= s.opened_at and t.registered_at < s.opened_at + ${window})))::int as filed,
          (count(*) filter (where s.opened_at + ${window} > ${now}::timestamptz))::int as undecided
        from suggestion_opens s join documentation_pages d on d.id = s.page_id
        where s.opened_at >= ${from}::timestamptz and s.opened_at < ${to}::timestamptz
        group by 1, 2 order by 1, 2`,
  );
  return rows.map((row) => {
    const notFiled = Math.max(row.opened - row.filed - row.undecided, 0);
    const decided = row.filed + notFiled;
    return {
      month: row.month,
      page: row.page,
      opened: row.opened,
      filed: row.filed,
      notFiled,
      deflectedShare: decided > 0 ? Math.round((notFiled / decided) * 1000) / 1000 : null,
    };
  });
}
