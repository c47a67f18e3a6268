import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmSecondFactor,
  disableSecondFactor,
  renewRecoveryCodes,
  resetAgentSecondFactor,
  secondFactorStatus,
  startSecondFactorEnrolment,
  unlockSecondFactor,
} from '../../app/accounts/secondFactor.js';
import { getSecuritySettings, updateSecuritySettings } from '../../app/accounts/securitySettings.js';
import {
  recoveryCodesSchema,
  secondFactorCodeInput,
  secondFactorDisableInput,
  secondFactorEnrolmentSchema,
  secondFactorStatusSchema,
  securitySettingsSchema,
} from '../../contract/auth.js';
import { id } from '../../contract/fields.js';
import { problems } from '../../contract/problem.js';
import { signedIn } from '../authentication.js';
import type { HttpDependencies } from '../dependencies.js';

/** Two-factor sign-in: each person's own authenticator, and the administrators' rule and reset. */
export const secondFactorRoutes: FastifyPluginAsync<HttpDependencies> = async (app, { ctx, config }) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const enrolment = { whileEnrolling: true } as const;
  const codeAttempts = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } as const;

  api.get(
    '/me/second-factor',
    {
      config: enrolment,
      schema: {
        operationId: 'getSecondFactor',
        tags: ['auth'],
        summary: 'Whether the signed-in person signs in with an authenticator, and whether they must',
        response: { 200: secondFactorStatusSchema, ...problems(401, 403) },
      },
    },
    (request) => secondFactorStatus(ctx, signedIn(request)),
  );

  api.post(
    '/me/second-factor',
    {
      config: enrolment,
      schema: {
        operationId: 'startSecondFactorEnrolment',
        tags: ['auth'],
        summary: 'Start adding an authenticator: its QR code and secret; it works once confirmed',
        response: { 200: secondFactorEnrolmentSchema, ...problems(401, 403) },
      },
    },
    (request) => startSecondFactorEnrolment(ctx, signedIn(request)),
  );

  api.post(
    '/me/second-factor/confirm',
    {
      config: { ...enrolment, rateLimit: codeAttempts },
      schema: {
        operationId: 'confirmSecondFactor',
        tags: ['auth'],
        summary: 'Confirm the new authenticator with a code it shows; answers ten recovery codes, once',
        body: secondFactorCodeInput,
        response: { 200: recoveryCodesSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    (request) => confirmSecondFactor(ctx, signedIn(request), request.body.code),
  );

  api.post(
    '/me/second-factor/recovery-codes',
    {
      config: { rateLimit: codeAttempts },
      schema: {
        operationId: 'renewRecoveryCodes',
        tags: ['auth'],
        summary: 'Ten new recovery codes, proving the authenticator; the earlier ones stop working',
        body: secondFactorCodeInput,
        response: { 200: recoveryCodesSchema, ...problems(400, 401, 403, 409, 429) },
      },
    },
    (request) => renewRecoveryCodes(ctx, signedIn(request), request.body.code),
  );

  api.post(
    '/me/second-factor/disable',
    {
      config: { rateLimit: codeAttempts },
      schema: {
        operationId: 'disableSecondFactor',
        tags: ['auth'],
        summary: 'Turn two-factor sign-in off, proving the password; refused while the desk requires it',
        body: secondFactorDisableInput,
        response: { 204: z.null(), ...problems(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      await disableSecondFactor(ctx, signedIn(request), request.body.password);
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/agents/:agentId/second-factor',
    {
      schema: {
        operationId: 'resetAgentSecondFactor',
        tags: ['desk'],
        summary: "Remove an engineer's lost authenticator; they enrol a new one at the next sign-in (admin)",
        params: z.object({ agentId: id }),
        response: { 204: z.null(), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await resetAgentSecondFactor(ctx, signedIn(request), request.params.agentId);
      return reply.code(204).send(null);
    },
  );

  for (const [kind, path] of [
    ['agent', '/agents/:personId/second-factor/unlock'],
    ['contact', '/contacts/:personId/second-factor/unlock'],
  ] as const) {
    api.post(
      path,
      {
        schema: {
          operationId: kind === 'agent' ? 'unlockAgentSecondFactor' : 'unlockContactSecondFactor',
          tags: ['desk'],
          summary: `Lift the lock wrong codes put on ${kind === 'agent' ? "an engineer's" : "a contact's"} authenticator (admin)`,
          params: z.object({ personId: id }),
          response: { 204: z.null(), ...problems(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        await unlockSecondFactor(ctx, signedIn(request), { type: kind, id: request.params.personId });
        return reply.code(204).send(null);
      },
    );
  }

  api.get(
    '/settings/security',
    {
      schema: {
        operationId: 'getSecuritySettings',
        tags: ['desk'],
        summary: 'Whether staff must sign in with an authenticator (admin)',
        response: { 200: securitySettingsSchema, ...problems(401, 403) },
      },
    },
    (request) => getSecuritySettings(ctx, signedIn(request)),
  );

  api.put(
    '/settings/security',
    {
      schema: {
        operationId: 'updateSecuritySettings',
        tags: ['desk'],
        summary: 'Require an authenticator of every staff account, or stop requiring it (admin)',
        body: securitySettingsSchema,
        response: { 200: securitySettingsSchema, ...problems(400, 401, 403) },
      },
    },
    (request) => updateSecuritySettings(ctx, signedIn(request), request.body),
  );
};
