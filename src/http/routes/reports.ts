import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agentReport, resolutionReport, satisfactionReport } from '../../app/performanceReports.js';
import {
  backlogReport,
  certificateReport,
  channelReport,
  deflectionReport,
  slaReport,
} from '../../app/reports.js';
import { worklogReport } from '../../app/worklog.js';
import { problems } from '../../contract/problem.js';
import { type ReportQuery, reportQuery } from '../../contract/reports.js';
import type { HttpDependencies } from '../app.js';
import { signedIn } from '../authentication.js';
import { csvSeparatorFor, type ReportRow, readableTable, toCsv, toXlsx } from '../export.js';

/** A report as JSON, or as a CSV or XLSX download in the reader's language, named for it and its period. */
async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  query: Pick<ReportQuery, 'format' | 'from' | 'to' | 'separator'>,
  rows: ReportRow[],
) {
  if (query.format === 'json') return rows;
  const table = readableTable(rows, request.language);
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

export const reportRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const schema = (operationId: string, summary: string) => ({
    schema: {
      operationId,
      tags: ['reports'],
      summary,
      querystring: reportQuery,
      response: { 200: rowsSchema, ...problems(400, 401, 403) },
    },
  });

  api.get(
    '/reports/sla',
    schema(
      'slaReport',
      'SLA compliance by month, level, severity and customer, with response-time percentiles',
    ),
    async (request, reply) =>
      send(request, reply, 'sla', request.query, await slaReport(ctx, signedIn(request), request.query)),
  );
  api.get(
    '/reports/backlog',
    schema('backlogReport', 'Open requests by status and age'),
    async (request, reply) =>
      send(request, reply, 'backlog', request.query, await backlogReport(ctx, signedIn(request))),
  );
  api.get(
    '/reports/channels',
    schema('channelReport', 'Requests by channel and month'),
    async (request, reply) =>
      send(
        request,
        reply,
        'channels',
        request.query,
        await channelReport(ctx, signedIn(request), request.query),
      ),
  );
  api.get(
    '/reports/certificates',
    schema('certificateReport', 'Each certificate: instances covered of its limit, requests by contact'),
    async (request, reply) =>
      send(
        request,
        reply,
        'certificates',
        request.query,
        await certificateReport(ctx, signedIn(request), request.query),
      ),
  );
  api.get(
    '/reports/agents',
    schema(
      'agentReport',
      'Each agent by month: public replies, first responses and how many on time, hours logged, ratings',
    ),
    async (request, reply) =>
      send(request, reply, 'agents', request.query, await agentReport(ctx, signedIn(request), request.query)),
  );
  api.get(
    '/reports/resolution',
    schema('resolutionReport', 'Time from registration to resolution by month, level and severity'),
    async (request, reply) =>
      send(
        request,
        reply,
        'resolution',
        request.query,
        await resolutionReport(ctx, signedIn(request), request.query),
      ),
  );
  api.get(
    '/reports/satisfaction',
    schema('satisfactionReport', "Customers' ratings by month, agent and organization, with their spread"),
    async (request, reply) =>
      send(
        request,
        reply,
        'satisfaction',
        request.query,
        await satisfactionReport(ctx, signedIn(request), request.query),
      ),
  );
  api.get(
    '/reports/deflection',
    schema(
      'deflectionReport',
      'Suggested documentation opened while a request was written, and whether a request followed within a day',
    ),
    async (request, reply) =>
      send(
        request,
        reply,
        'deflection',
        request.query,
        await deflectionReport(ctx, signedIn(request), request.query),
      ),
  );
  api.get(
    '/reports/time',
    schema(
      'worklogReport',
      'Time spent by month, organization, certificate and agent, in hours, billable apart',
    ),
    async (request, reply) =>
      send(request, reply, 'time', request.query, await worklogReport(ctx, signedIn(request), request.query)),
  );
};
