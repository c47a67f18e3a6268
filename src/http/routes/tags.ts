import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTag, deleteTag, listTags, tagTicket, untagTicket, updateTag } from '../../app/tickets/tags.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { tagInput, tagSchema, ticketTagsInput } from '../../contract/tags.js';
import { ticketSummarySchema } from '../../contract/tickets.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';
import { retryableHeaders } from '../idempotency.js';
import { ticketAnswer } from './ticketAnswer.js';

const tagParams = z.object({ tagId: id });

/** The tag list administrators keep, and tags put on and taken off requests by support. */
export const tagRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const summary = ticketAnswer(ctx);

  api.get(
    '/tags',
    {
      schema: {
        operationId: 'listTags',
        tags: ['tags'],
        summary: 'The tags requests may carry (support)',
        response: { 200: z.array(tagSchema), ...problems(401, 403) },
      },
    },
    (request) => listTags(ctx, signedIn(request)),
  );

  api.post(
    '/tags',
    {
      schema: {
        operationId: 'createTag',
        tags: ['tags'],
        summary: 'Add a tag to the list (admin)',
        body: tagInput,
        response: { 201: tagSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await createTag(ctx, signedIn(request), request.body)),
  );

  api.patch(
    '/tags/:tagId',
    {
      schema: {
        operationId: 'updateTag',
        tags: ['tags'],
        summary: 'Rename or recolour a tag (admin)',
        params: tagParams,
        body: tagInput,
        response: { 200: tagSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateTag(ctx, signedIn(request), request.params.tagId, request.body),
  );

  api.delete(
    '/tags/:tagId',
    {
      schema: {
        operationId: 'deleteTag',
        tags: ['tags'],
        summary: 'Retire a tag: it leaves every request it was on (admin)',
        params: tagParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteTag(ctx, signedIn(request), request.params.tagId);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/tickets/:ticketId/tags',
    {
      schema: {
        operationId: 'tagTicket',
        tags: ['tags'],
        summary: 'Put tags from the list on a request (support)',
        params: z.object({ ticketId: id }),
        body: ticketTagsInput,
        headers: retryableHeaders,
        response: { 200: ticketSummarySchema, ...problems(400, 401, 403, 404, 409) },
      },
      config: { replayable: true },
    },
    async (request) =>
      summary(
        signedIn(request),
        await tagTicket(ctx, signedIn(request), request.params.ticketId, request.body),
      ),
  );

  api.delete(
    '/tickets/:ticketId/tags/:tagId',
    {
      schema: {
        operationId: 'untagTicket',
        tags: ['tags'],
        summary: 'Take a tag off a request (support)',
        params: z.object({ ticketId: id, tagId: id }),
        headers: retryableHeaders,
        response: { 200: ticketSummarySchema, ...problems(401, 403, 404, 409) },
      },
      config: { replayable: true },
    },
    async (request) =>
      summary(
        signedIn(request),
        await untagTicket(ctx, signedIn(request), request.params.ticketId, { tagId: request.params.tagId }),
      ),
  );
};
