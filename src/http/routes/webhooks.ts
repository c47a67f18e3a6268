import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWebhook,
  deleteWebhook,
  listWebhookDeliveries,
  listWebhooks,
} from '../../app/webhooks/webhooks.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import {
  createdWebhookSchema,
  webhookDeliveriesQuery,
  webhookDeliverySchema,
  webhookInput,
  webhookSchema,
} from '../../contract/webhooks.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

const webhookParams = z.object({ webhookId: id });

/** The endpoints of the vendor's systems that hear of the desk's events, and their delivery logs (admin). */
export const webhookRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/webhooks',
    {
      schema: {
        operationId: 'createWebhook',
        tags: ['webhooks'],
        summary:
          'Register an endpoint for the events it chose; the signing secret is in this answer only (admin)',
        body: webhookInput,
        response: { 201: createdWebhookSchema, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => reply.code(201).send(await createWebhook(ctx, signedIn(request), request.body)),
  );

  api.get(
    '/webhooks',
    {
      schema: {
        operationId: 'listWebhooks',
        tags: ['webhooks'],
        summary: "The registered endpoints, with how each one's latest delivery went (admin)",
        response: { 200: z.array(webhookSchema), ...problems(401, 403) },
      },
    },
    (request) => listWebhooks(ctx, signedIn(request)),
  );

  api.delete(
    '/webhooks/:webhookId',
    {
      schema: {
        operationId: 'deleteWebhook',
        tags: ['webhooks'],
        summary: 'Remove an endpoint: nothing more is sent to it (admin)',
        params: webhookParams,
        response: { 204: z.null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await deleteWebhook(ctx, signedIn(request), request.params.webhookId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/webhooks/:webhookId/deliveries',
    {
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['webhooks'],
        summary: "An endpoint's delivery log, newest first, with its answers (admin)",
        params: webhookParams,
        querystring: webhookDeliveriesQuery,
        response: { 200: z.array(webhookDeliverySchema), ...problems(400, 401, 403, 404) },
      },
    },
    (request) => listWebhookDeliveries(ctx, signedIn(request), request.params.webhookId, request.query.limit),
  );
};
