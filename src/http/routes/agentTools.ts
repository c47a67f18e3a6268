import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulkUpdateTickets } from '../../app/tickets/bulkUpdateTickets.js';
import { customerContext } from '../../app/tickets/customerContext.js';
import { mergeTicket } from '../../app/tickets/mergeTicket.js';
import { registerPhoneRequest } from '../../app/tickets/registerRequest.js';
import { createWorklogEntry, listWorklog } from '../../app/tickets/worklog.js';
import { customerContextSchema } from '../../contract/customerContext.js';
import { version } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  bulkResultSchema,
  bulkUpdateInput,
  mergeInput,
  phoneRequestInput,
  ticketSummarySchema,
} from '../../contract/tickets.js';
import { worklogEntrySchema, worklogInput, worklogSchema } from '../../contract/worklog.js';
import { translator } from '../../i18n/translator.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { retryableHeaders } from '../idempotency.js';
import { ticketAnswer } from './ticketAnswer.js';
import { channelOf, retryableVersionedHeaders, seenVersion, ticketParams } from './tickets.js';

/** Support's tools on requests: bulk changes, merging, phoned-in requests, the customer's context, time spent. */
export const agentToolRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summary = ticketAnswer(ctx);

  api.post(
    '/tickets/bulk',
    {
      schema: {
        operationId: 'bulkUpdateTickets',
        tags: ['tickets'],
        summary:
          'One change to selected requests: assign, change status, add tags or apply a macro (support)',
        description:
          'Each request is changed on its own, at the version given for it; the answer lists every request ' +
          'with the outcome, and for one not changed the reason as `code` and `message`.',
        body: bulkUpdateInput,
        headers: retryableHeaders,
        response: { 200: bulkResultSchema, ...problems(400, 401, 403, 404) },
      },
      config: { replayable: true },
    },
    async (request) => {
      const actor = signedIn(request);
      const outcomes = await bulkUpdateTickets(ctx, actor, request.body, channelOf(request));
      const t = translator(request.language);
      const results = await Promise.all(
        outcomes.map(async (outcome) =>
          outcome.ok
            ? { ticketId: outcome.ticketId, ok: true, ticket: await summary(actor, outcome.ticket) }
            : {
                ticketId: outcome.ticketId,
                ok: false,
                code: outcome.code,
                message: t(`errors.${outcome.code}`, outcome.params),
              },
        ),
      );
      const changed = results.filter((result) => result.ok).length;
      return { results, changed, failed: results.length - changed };
    },
  );

  api.post(
    '/tickets/:ticketId/merge',
    {
      schema: {
        operationId: 'mergeTicket',
        tags: ['tickets'],
        summary: 'Merge this duplicate into the original request of the same organization (support)',
        params: ticketParams,
        body: mergeInput.extend({ version: version.optional() }),
        headers: retryableVersionedHeaders,
        response: {
          200: z.object({ duplicate: ticketSummarySchema, original: ticketSummarySchema }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
      config: { replayable: true },
    },
    async (request) => {
      const actor = signedIn(request);
      const merged = await mergeTicket(
        ctx,
        actor,
        request.params.ticketId,
        request.body,
        seenVersion(request),
      );
      return {
        duplicate: await summary(actor, merged.duplicate),
        original: await summary(actor, merged.original),
      };
    },
  );

  api.post(
    '/tickets/phone',
    {
      schema: {
        operationId: 'createPhoneRequest',
        tags: ['tickets'],
        summary: 'Register a request for an authorized contact who phoned, at the time of the call (support)',
        body: phoneRequestInput,
        response: { 201: ticketSummarySchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      return reply.code(201).send(await summary(actor, await registerPhoneRequest(ctx, actor, request.body)));
    },
  );

  api.get(
    '/tickets/:ticketId/context',
    {
      schema: {
        operationId: 'getCustomerContext',
        tags: ['tickets'],
        summary:
          "The customer beside a request: certificates, other requests, the contact's channels (support)",
        params: ticketParams,
        response: { 200: customerContextSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => customerContext(ctx, signedIn(request), request.params.ticketId),
  );

  api.get(
    '/tickets/:ticketId/worklog',
    {
      schema: {
        operationId: 'listWorklog',
        tags: ['worklog'],
        summary: 'The time spent on a request, with its totals (support)',
        params: ticketParams,
        response: { 200: worklogSchema, ...problems(401, 403, 404) },
      },
    },
    (request) => listWorklog(ctx, signedIn(request), request.params.ticketId),
  );

  api.post(
    '/tickets/:ticketId/worklog',
    {
      schema: {
        operationId: 'createWorklogEntry',
        tags: ['worklog'],
        summary: 'Log time spent on a request: minutes, a note, billable or not (agents)',
        params: ticketParams,
        body: worklogInput,
        headers: retryableHeaders,
        response: { 201: worklogEntrySchema, ...problems(400, 401, 403, 404) },
      },
      config: { replayable: true },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createWorklogEntry(ctx, signedIn(request), request.params.ticketId, request.body)),
  );
};
