import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listIntakeRejections } from '../../app/tickets/queries.js';
import { problems } from '../../contract/problem.js';
import { intakeRejectionSchema } from '../../contract/tickets.js';
import type { HttpDependencies } from '../app.js';
import { signedIn } from '../authentication.js';

/** The intake log: requests refused at the door, kept whole for review. */
export const intakeRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/intake-rejections',
    {
      schema: {
        operationId: 'listIntakeRejections',
        tags: ['tickets'],
        summary: 'Requests refused at the door, newest first, kept whole for review (admin)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.array(intakeRejectionSchema),
          ...problems(401, 403),
        },
      },
    },
    (request) => listIntakeRejections(ctx, signedIn(request), request.query),
  );
};
