import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getPartnerOrganizations, setPartnerOrganizations } from '../../app/customers/partners.js';
import { partnerAssignmentSchema } from '../../contract/agents.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** Which organizations a partner engineer works for (§2.6). */
export const partnerRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/partners/:agentId/organizations',
    {
      schema: {
        operationId: 'getPartnerOrganizations',
        tags: ['tickets'],
        summary: 'The customer organizations a partner engineer works for (admin)',
        params: z.object({ agentId: id }),
        response: { 200: partnerAssignmentSchema, ...problems(400, 401, 403) },
      },
    },
    (request) => getPartnerOrganizations(ctx, signedIn(request), request.params.agentId),
  );

  api.put(
    '/partners/:agentId/organizations',
    {
      schema: {
        operationId: 'setPartnerOrganizations',
        tags: ['tickets'],
        summary:
          'The customer organizations a partner engineer works for; it sees their tickets only (admin)',
        params: z.object({ agentId: id }),
        body: z.object({ organizationIds: z.array(id).max(1000) }),
        response: { 200: partnerAssignmentSchema, ...problems(400, 401, 403, 404) },
      },
    },
    (request) =>
      setPartnerOrganizations(ctx, signedIn(request), request.params.agentId, request.body.organizationIds),
  );
};
