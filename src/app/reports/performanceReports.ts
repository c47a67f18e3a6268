import { sql } from 'drizzle-orm';
import type { ReportQuery } from '../../contract/reports.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../shared/actor.js';
import { hours, moscowMonth, period, reportRows, requireVendorTeam } from './reports.js';

const average = (value: number | string | null) =>
  value === null ? null : Math.round(Number(value) * 100) / 100;

/**
 * What a manager asks of each agent, by Moscow month: public replies written, first responses given and
 * how many of them on time, hours logged, and the customers' ratings of the requests they held when
 * resolved. Imported history is left out.
 */
export async function agentReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const rows = await reportRows<{
    month: string;
    agent: string;
    replies: number | null;
    responses: number | null;
    on_time: number | null;
    minutes: number | null;
    rated: number | null;
    average_score: number | string | null;
  }>(
    ctx.db,
    sql`with replies as (
          select ${moscowMonth('m.created_at')} as month, m.author_id as agent_id, count(*)::int as replies
          from ticket_messages m join tickets t on t.id = m.ticket_id
          where m.author_type = 'agent' and m.visibility = 'public' and t.imported_from is null
            and m.created_at >= ${from}::timestamptz and m.created_at < ${to}::timestamptz
          group by 1, 2),
        responses as (
          select ${moscowMonth('t.first_response_at')} as month, first.author_id as agent_id,
            count(*)::int as responses,
            (count(*) filter (where t.first_response_at <= t.response_due_at))::int as on_time
          from tickets t
          cross join lateral (
            select m.author_id from ticket_messages m
            where m.ticket_id = t.id and m.author_type = 'agent' and m.visibility = 'public'
            order by m.created_at, m.sequence limit 1) first
          where t.imported_from is null
            and t.first_response_at >= ${from}::timestamptz and t.first_response_at < ${to}::timestamptz
          group by 1, 2),
        worked as (
          select to_char(w.worked_on, 'YYYY-MM') as month, w.agent_id, sum(w.minutes)::int as minutes
          from worklog_entries w
          where w.worked_on >= ${query.from}::date and w.worked_on <= ${query.to}::date
          group by 1, 2),
        rated as (
          select ${moscowMonth('s.rated_at')} as month, s.agent_id, count(*)::int as rated,
            avg(s.score) as average_score
          from satisfaction_surveys s
          where s.agent_id is not null
            and s.rated_at >= ${from}::timestamptz and s.rated_at < ${to}::timestamptz
          group by 1, 2),
        keys as (
          select month, agent_id from replies union select month, agent_id from responses
          union select month, agent_id from worked union select month, agent_id from rated)
        select k.month, a.name as agent, r.replies, p.responses, p.on_time, w.minutes, s.rated, s.average_score
        from keys k join agents a on a.id = k.agent_id
        left join replies r on r.month = k.month and r.agent_id = k.agent_id
        left join responses p on p.month = k.month and p.agent_id = k.agent_id
        left join worked w on w.month = k.month and w.agent_id = k.agent_id
        left join rated s on s.month = k.month and s.agent_id = k.agent_id
        order by 1, 2`,
  );
  return rows.map((row) => ({
    month: row.month,
    agent: row.agent,
    replies: row.replies ?? 0,
    responses: row.responses ?? 0,
    respondedOnTime: row.on_time ?? 0,
    hours: hours((row.minutes ?? 0) * 60_000),
    rated: row.rated ?? 0,
    averageScore: average(row.average_score),
  }));
}

/**
 * How long requests took from registration to resolution, in calendar hours, by month of resolution,
 * level and severity: how many, the median and the 90th percentile. A request resolved twice (after a
 * reopening) counts at its latest resolution.
 */
export async function resolutionReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const rows = await reportRows<{
    month: string;
    level: string;
    severity: string;
    resolved: number;
    median_ms: number | null;
    p90_ms: number | null;
  }>(
    ctx.db,
    sql`select ${moscowMonth('t.resolved_at')} as month, t.level::text as level, t.severity::text as severity,
          count(*)::int as resolved,
          percentile_cont(0.5) within group (order by extract(epoch from t.resolved_at - t.registered_at) * 1000) as median_ms,
          percentile_cont(0.9) within group (order by extract(epoch from t.resolved_at - t.registered_at) * 1000) as p90_ms
        from tickets t
        where t.imported_from is null
          and t.resolved_at >= ${from}::timestamptz and t.resolved_at < ${to}::timestamptz
        group by 1, 2, 3 order by 1, 2, 3`,
  );
  return rows.map((row) => ({
    month: row.month,
    level: row.level,
    severity: row.severity,
    resolved: row.resolved,
    medianResolutionHours: hours(row.median_ms),
    p90ResolutionHours: hours(row.p90_ms),
  }));
}

/**
 * The customers' ratings by month they were asked, agent and organization: how many were asked and
 * rated, the average, and how the scores spread (1 to 5). Month after month it is satisfaction over time.
 */
export async function satisfactionReport(ctx: AppContext, actor: Actor, query: ReportQuery) {
  requireVendorTeam(actor);
  const { from, to } = period(query);
  const rows = await reportRows<{
    month: string;
    agent: string | null;
    organization: string;
    asked: number;
    rated: number;
    average_score: number | string | null;
    scores: number[];
  }>(
    ctx.db,
    sql`select ${moscowMonth('s.requested_at')} as month, a.name as agent, o.name as organization,
          count(*)::int as asked, count(s.score)::int as rated, avg(s.score) as average_score,
          array[${sql.join(
            [1, 2, 3, 4, 5].map((score) => sql.raw(`(count(*) filter (where s.score = ${score}))::int`)),
            sql`, `,
          )}] as scores
        from satisfaction_surveys s
        join organizations o on o.id = s.organization_id
        left join agents a on a.id = s.agent_id
        where s.requested_at >= ${from}::timestamptz and s.requested_at < ${to}::timestamptz
        group by 1, 2, 3 order by 1, 2 nulls first, 3`,
  );
  return rows.map((row) => ({
    month: row.month,
    agent: row.agent,
    organization: row.organization,
    asked: row.asked,
    rated: row.rated,
    averageScore: average(row.average_score),
    score1: row.scores[0] ?? 0,
    score2: row.scores[1] ?? 0,
    score3: row.scores[2] ?? 0,
    score4: row.scores[3] ?? 0,
    score5: row.scores[4] ?? 0,
  }));
}
