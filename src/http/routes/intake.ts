import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addRefusedSender,
  listIntakeRejections,
  registerRefusedRequest,
} from '../../app/tickets/intakeLog.js';
import { id } from '../../contract/fields.js';
import {
  intakeRejectionSchema,
  rejectionContactInput,
  rejectionRegistrationInput,
} from '../../contract/intake.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** The intake log: requests refused at the door, kept whole for review and settled by an administrator. */
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

  api.post(
    '/intake-rejections/:rejectionId/registration',
    {
      schema: {
        operationId: 'registerRefusedRequest',
        tags: ['tickets'],
        summary:
          'Register a refused request for a known contact, whose entitlement is checked as for any request (admin)',
        params: z.object({ rejectionId: id }),
        body: rejectionRegistrationInput,
        response: { 200: intakeRejectionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => registerRefusedRequest(ctx, signedIn(request), request.params.rejectionId, request.body),
  );

  api.post(
    '/intake-rejections/:rejectionId/contact',
    {
      schema: {
        operationId: 'addRefusedSender',
        tags: ['tickets'],
        summary: "Add a refused mail's sender as a contact of an organization, invited to the portal (admin)",
        params: z.object({ rejectionId: id }),
        body: rejectionContactInput,
        response: { 200: intakeRejectionSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => addRefusedSender(ctx, signedIn(request), request.params.rejectionId, request.body),
  );
};
