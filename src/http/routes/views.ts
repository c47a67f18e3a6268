import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createView, deleteView, listViews, updateView } from '../../app/tickets/savedViews.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { savedViewSchema, viewInput, viewUpdateInput } from '../../contract/views.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

const viewParams = z.object({ viewId: id });

/** Saved views of the queue: personal and shared, each with how many requests it holds now. */
export const viewRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/views',
    {
      schema: {
        operationId: 'listViews',
        tags: ['views'],
        summary: "The team's views, then the reader's own, with their counts (support)",
        response: { 200: z.array(savedViewSchema), ...problems(401, 403) },
      },
    },
    (request) => listViews(ctx, signedIn(request)),
  );

  api.post(
    '/views',
    {
      schema: {
        operationId: 'createView',
        tags: ['views'],
        summary:
          'Save the queue as it is filtered and sorted: a personal view, or a shared one (administrators)',
        body: viewInput,
        response: { 201: savedViewSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createView(ctx, signedIn(request), request.body)),
  );

  api.patch(
    '/views/:viewId',
    {
      schema: {
        operationId: 'updateView',
        tags: ['views'],
        summary: 'Rename, move or change a view: its owner, or an administrator for a shared one',
        params: viewParams,
        body: viewUpdateInput,
        response: { 200: savedViewSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) => updateView(ctx, signedIn(request), request.params.viewId, request.body),
  );

  api.delete(
    '/views/:viewId',
    {
      schema: {
        operationId: 'deleteView',
        tags: ['views'],
        summary: 'Delete a view: its owner, or an administrator for a shared one',
        params: viewParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteView(ctx, signedIn(request), request.params.viewId);
      return reply.code(204).send(null);
    },
  );
};
