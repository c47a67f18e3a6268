import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commentByLink, rateByLink, rateTicket } from '../../app/satisfaction/surveys.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  linkCommentInput,
  linkRatingInput,
  ratedRequestSchema,
  satisfactionSchema,
  ticketRatingInput,
} from '../../contract/satisfaction.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { retryableHeaders } from '../idempotency.js';

/** How often one client may use rating links a minute: enough for a person, too few to guess a signature. */
const LINK_RATE_LIMIT = { max: 20, timeWindow: '1 minute' };

/** The customer's rating of a resolved request: by the mail's one-click links, and in the portal. */
export const satisfactionRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/satisfaction/ratings',
    {
      config: { public: true, rateLimit: LINK_RATE_LIMIT },
      schema: {
        operationId: 'rateByLink',
        tags: ['satisfaction'],
        summary:
          "Rate a resolved request with a one-click link from its mail (the link's survey, score, sig)",
        description:
          'A link rates once: used again it answers 409 rating_already_given; a link that is not the ' +
          "mail's answers 403 rating_link_invalid.",
        security: [],
        body: linkRatingInput,
        response: { 200: ratedRequestSchema, ...problems(400, 403, 409, 429) },
      },
    },
    (request) => rateByLink(ctx, request.body),
  );

  api.post(
    '/satisfaction/comments',
    {
      config: { public: true, rateLimit: LINK_RATE_LIMIT },
      schema: {
        operationId: 'commentByLink',
        tags: ['satisfaction'],
        summary: 'Add a comment, once, to a rating given by a link, with the same link',
        security: [],
        body: linkCommentInput,
        response: { 200: ratedRequestSchema, ...problems(400, 403, 409, 429) },
      },
    },
    (request) => commentByLink(ctx, request.body),
  );

  api.post(
    '/tickets/:ticketId/satisfaction',
    {
      schema: {
        operationId: 'rateTicket',
        tags: ['satisfaction'],
        summary: 'Rate a resolved request, with a comment, in the portal (the contact who was asked)',
        params: z.object({ ticketId: id }),
        body: ticketRatingInput,
        headers: retryableHeaders,
        response: { 200: satisfactionSchema, ...problems(400, 401, 403, 404, 409) },
      },
      config: { replayable: true },
    },
    (request) => rateTicket(ctx, signedIn(request), request.params.ticketId, request.body),
  );
};
