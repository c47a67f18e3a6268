import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendInvitation } from '../../app/accounts/accountLinks.js';
import { createAgent, updateAgent } from '../../app/accounts/agents.js';
import { agentInput, agentSchema, agentUpdate } from '../../contract/agents.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** The support team managed while the desk runs, on either database (administrators). */
export const teamRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/agents',
    {
      schema: {
        operationId: 'createAgent',
        tags: ['desk'],
        summary: 'Add an administrator, agent or partner engineer (admin)',
        body: agentInput,
        response: { 201: agentSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await createAgent(ctx, signedIn(request), request.body);
      return reply.code(201).send({ ...created, active: true });
    },
  );

  api.patch(
    '/agents/:agentId',
    {
      schema: {
        operationId: 'updateAgent',
        tags: ['desk'],
        summary:
          "Change a support account's name, role or language, or deactivate it: its sessions and tokens end at once (admin)",
        params: z.object({ agentId: id }),
        body: agentUpdate,
        response: { 200: agentSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    (request) => updateAgent(ctx, signedIn(request), request.params.agentId, request.body),
  );

  api.post(
    '/agents/:agentId/invitation',
    {
      schema: {
        operationId: 'inviteAgent',
        tags: ['desk'],
        summary:
          'Mail the person a link to set their password: an invitation (72 h) while they have none, a reset (1 h) after (admin)',
        params: z.object({ agentId: id }),
        response: { 202: z.null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await sendInvitation(ctx, signedIn(request), { type: 'agent', id: request.params.agentId });
      return reply.code(202).send(null);
    },
  );
};
