import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { checkEntitlement } from '../../app/customers/checkEntitlement.js';
import { entitlementCheckInput, entitlementDecisionSchema } from '../../contract/entitlement.js';
import { problems } from '../../contract/problem.js';
import { translator } from '../../i18n/translator.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

export const entitlementRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/entitlement-checks',
    {
      schema: {
        operationId: 'checkEntitlement',
        tags: ['entitlement'],
        summary:
          'May a contact file a request for an instance now (or at a given instant), and at what level?',
        description:
          'Support may ask about any contact, by id or e-mail; a contact asks about itself. A refusal ' +
          'is an answer (200 with allowed=false and a reason code), not an error.',
        body: entitlementCheckInput,
        response: { 200: entitlementDecisionSchema, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const check = await checkEntitlement(ctx, signedIn(request), request.body);
      const t = translator(request.language);
      const { decision } = check;
      const common = { contactId: check.contactId, instanceId: check.instanceId, at: check.at.toISOString() };
      if (!decision.ok) {
        return {
          allowed: false,
          reason: decision.reason,
          message: t(`errors.${decision.reason}`),
          level: null,
          certificate: null,
          license: null,
          ...common,
        };
      }
      return {
        allowed: true,
        reason: null,
        message: t('entitlement.granted', {
          level: t(`levels.${decision.level}`),
          certificate: decision.certificate.number,
        }),
        level: decision.level,
        certificate: decision.certificate,
        license: decision.license,
        ...common,
      };
    },
  );
};
