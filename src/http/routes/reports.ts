import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.js';
import { agentReport, resolutionReport, satisfactionReport } from '../../app/reports/performanceReports.js';
import {
  backlogReport,
  certificateReport,
  channelReport,
  deflectionReport,
  slaReport,
} from '../../app/reports/reports.js';
import type { Actor } from '../../app/shared/actor.js';
import { worklogReport } from '../../app/tickets/worklog.js';
import { problems } from '../../contract/problem.js';
import { type ReportQuery, reportQuery, reportTableSchema } from '../../contract/reports.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { csvSeparatorFor, type ReportRow, readableTable, toCsv, toXlsx } from '../export.js';

/**
 * A report as JSON, as the table its reader reads (for the screen), or as a CSV or XLSX download of that
 * same table, named for the report and its period.
 */
async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  query: Pick<ReportQuery, 'format' | 'from' | 'to' | 'separator'>,
  rows: ReportRow[],
) {
  if (query.format === 'json') return rows;
  const table = readableTable(rows, request.language);
  // The web shows this very table, so the screen and the files hold the same columns under the same names.
  if (query.format === 'table') return table;
  const file = `${name}-${query.from}-${query.to}`;
  if (query.format === 'csv') {
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file}.csv"`)
      .send(toCsv(table, query.separator ?? csvSeparatorFor(request.language)));
  }
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${file}.xlsx"`)
    .send(await toXlsx(name, table));
}

const rowsSchema = z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])));

type ReportOf = (ctx: AppContext, actor: Actor, query: ReportQuery) => Promise<ReportRow[]>;

/** Every report: its address under /reports, its operation, what it tells, and the use case that makes it. */
const REPORTS: { name: string; operationId: string; summary: string; run: ReportOf }[] = [
  {
    name: 'sla',
    operationId: 'slaReport',
    summary: 'SLA compliance by month, level, severity and customer, with response-time percentiles',
    run: slaReport,
  },
  {
    name: 'backlog',
    operationId: 'backlogReport',
    summary: 'Open requests by status and age',
    run: (ctx, actor) => backlogReport(ctx, actor),
  },
  {
    name: 'channels',
    operationId: 'channelReport',
    summary: 'Requests by channel and month',
    run: channelReport,
  },
  {
    name: 'certificates',
    operationId: 'certificateReport',
    summary: 'Each certificate: instances covered of its limit, requests by contact',
    run: certificateReport,
  },
  {
    name: 'agents',
    operationId: 'agentReport',
    summary:
      'Each agent by month: public replies, first responses and how many on time, hours logged, ratings',
    run: agentReport,
  },
  {
    name: 'resolution',
    operationId: 'resolutionReport',
    summary: 'Time from registration to resolution by month, level and severity',
    run: resolutionReport,
  },
  {
    name: 'satisfaction',
    operationId: 'satisfactionReport',
    summary: "Customers' ratings by month, agent and organization, with their spread",
    run: satisfactionReport,
  },
  {
    name: 'deflection',
    operationId: 'deflectionReport',
    summary:
      'Suggested documentation opened while a request was written, and whether a request followed within a day',
    run: deflectionReport,
  },
  {
    name: 'time',
    operationId: 'worklogReport',
    summary: 'Time spent by month, organization, certificate and agent, in hours, billable apart',
    run: worklogReport,
  },
];

export const reportRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  for (const report of REPORTS) {
    api.get(
      `/reports/${report.name}`,
      {
        schema: {
          operationId: report.operationId,
          tags: ['reports'],
          summary: report.summary,
          querystring: reportQuery,
          response: { 200: z.union([rowsSchema, reportTableSchema]), ...problems(400, 401, 403) },
        },
      },
      async (request, reply) =>
        send(
          request,
          reply,
          report.name,
          request.query,
          await report.run(ctx, signedIn(request), request.query),
        ),
    );
  }
};
