import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createDocumentationPage,
  getDocumentationPage,
  listDocumentation,
  recordSuggestionOpened,
  suggestDocumentation,
} from '../../app/knowledge/documentation.js';
import {
  documentationInput,
  documentationSuggestionQuery,
  pageSchema,
  suggestionOpenedInput,
} from '../../contract/documentation.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** §3.1: the documentation section, per product, for customers with active support. */
export const documentationRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/documentation',
    {
      schema: {
        operationId: 'listDocumentation',
        tags: ['documentation'],
        summary: 'The documentation section by product; what a page says only where support is active',
        response: { 200: z.array(pageSchema), ...problems(401) },
      },
    },
    async (request) => listDocumentation(ctx, signedIn(request)),
  );
  api.post(
    '/documentation',
    {
      schema: {
        operationId: 'createDocumentationPage',
        tags: ['documentation'],
        summary: 'Add a link or a Markdown page to a product’s documentation (admin)',
        body: documentationInput,
        response: { 201: pageSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createDocumentationPage(ctx, signedIn(request), request.body)),
  );
  api.get(
    '/documentation/suggestions',
    {
      schema: {
        operationId: 'suggestDocumentation',
        tags: ['documentation'],
        summary: 'The pages that may answer a request being written, among those the reader may read',
        querystring: documentationSuggestionQuery,
        response: { 200: z.array(pageSchema), ...problems(400, 401) },
      },
    },
    async (request) => suggestDocumentation(ctx, signedIn(request), request.query.q),
  );
  api.post(
    '/documentation/:pageId/suggestion-opens',
    {
      schema: {
        operationId: 'recordSuggestionOpened',
        tags: ['documentation'],
        summary:
          'A customer opened a page suggested for the request they were writing (for the deflection report)',
        params: z.object({ pageId: id }),
        body: suggestionOpenedInput,
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await recordSuggestionOpened(ctx, signedIn(request), request.params.pageId, request.body.typed);
      return reply.code(204).send(null);
    },
  );
  api.get(
    '/documentation/:pageId',
    {
      schema: {
        operationId: 'getDocumentationPage',
        tags: ['documentation'],
        summary: 'One documentation page, while support for its product is active',
        params: z.object({ pageId: id }),
        response: { 200: pageSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => getDocumentationPage(ctx, signedIn(request), request.params.pageId),
  );
};
