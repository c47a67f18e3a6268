import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getTicket, getTicketByNumber } from '../../app/tickets/queries.js';
import { listTickets } from '../../app/tickets/queue.js';
import { problems } from '../../contract/problem.js';
import {
  ticketDetailSchema,
  ticketListQuery,
  ticketNumber,
  ticketPageSchema,
} from '../../contract/tickets.js';
import type { Language } from '../../domain/people.js';
import { renderExplanation } from '../../i18n/slaExplanation.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { ticketParams } from './tickets.js';

/** Reading requests: the queue (and search), one request by id or by number. */
export const ticketReadRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/tickets',
    {
      schema: {
        operationId: 'listTickets',
        tags: ['tickets'],
        summary:
          'The queue: visible tickets, breached first, then due soon, awaiting support, the rest; a page at a time',
        querystring: ticketListQuery,
        response: {
          200: ticketPageSchema,
          ...problems(400, 401),
        },
      },
    },
    (request) => listTickets(ctx, signedIn(request), request.query),
  );

  const explained = (ticket: Awaited<ReturnType<typeof getTicket>>, language: Language) => ({
    ...ticket,
    sla: ticket.sla && { ...ticket.sla, explanation: renderExplanation(ticket.sla.explanation, language) },
  });

  api.get(
    '/tickets/:ticketId',
    {
      schema: {
        operationId: 'getTicket',
        tags: ['tickets'],
        summary: 'A ticket with its messages, SLA state and explanation, links, remote sessions and history',
        params: ticketParams,
        response: { 200: ticketDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      explained(await getTicket(ctx, signedIn(request), request.params.ticketId), request.language),
  );

  api.get(
    '/ticket-numbers/:number',
    {
      schema: {
        operationId: 'getTicketByNumber',
        tags: ['tickets'],
        summary: 'A ticket by its number (SD-2026-00001), as getTicket answers it',
        params: z.object({ number: ticketNumber }),
        response: { 200: ticketDetailSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) =>
      explained(await getTicketByNumber(ctx, signedIn(request), request.params.number), request.language),
  );
};
