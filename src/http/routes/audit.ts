import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AUDIT_ENTITIES, listAuditEvents } from '../../app/audit/audit.js';
import { auditEventSchema } from '../../contract/audit.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

export const auditRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/audit-events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'Who changed which entitlement record, when, from what to what (admin), newest first',
        querystring: z.object({
          entity: z.enum(AUDIT_ENTITIES).optional(),
          entityId: z.string().max(64).optional(),
          organizationId: id.optional(),
          beforeSequence: z.coerce
            .number()
            .int()
            .min(1)
            .optional()
            .describe('Only events older than this sequence number: pass the last one seen to page on'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(auditEventSchema), ...problems(400, 401, 403) },
      },
    },
    (request) => listAuditEvents(ctx, signedIn(request), request.query),
  );
};
